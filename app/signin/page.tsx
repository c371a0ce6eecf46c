import type { Metadata } from "next";
import { sameSitePath } from "@/lib/auth/callback-path";
import { configuredProviders } from "../_lib/auth/options";
import { localSignInEnabled } from "../_lib/settings";
import { SignInButton } from "./SignInButton";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<{ callbackUrl?: string; error?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl: requested, error } = await searchParams;
  const callbackUrl = sameSitePath(requested);
  const providers = configuredProviders();
  const local = localSignInEnabled();
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="text-sm text-slate-600">Researchers sign in to save schedules, submit replays, upload runs and create API tokens. Reading needs no account.</p>
      {error && (
        <p className="rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800" role="alert">
          Sign-in failed ({error}). Please try again.
        </p>
      )}
      <div className="space-y-3">
        {providers.map((provider) => (
          <SignInButton key={provider.id} providerId={provider.id} name={provider.name} callbackUrl={callbackUrl} />
        ))}
        {local && (
          <form method="post" action="/auth/local">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <button type="submit" className="w-full rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
              Continue as the local user
            </button>
            <p className="mt-2 text-xs text-slate-500">No identity provider is configured, so this installation has one local account (the first user is its admin).</p>
          </form>
        )}
        {providers.length === 0 && !local && (
          <p className="text-sm text-slate-600">
            No sign-in method is configured. An operator sets GITHUB_ID/GITHUB_SECRET or OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET.
          </p>
        )}
      </div>
    </div>
  );
}
