"use client";

import { signIn } from "next-auth/react";

export function SignInButton({ providerId, name, callbackUrl }: { providerId: string; name: string; callbackUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => signIn(providerId, { callbackUrl })}
      className="w-full rounded bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
    >
      Sign in with {name}
    </button>
  );
}
