import type { AuthOptions } from "next-auth";
import GitHubProvider from "next-auth/providers/github";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "@/db";
import { drizzleAuthAdapter } from "@/db/auth-adapter";
import { githubSettings, isEmbedded, oidcSettings } from "../settings";

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
  picture?: string;
}

function providers(): AuthOptions["providers"] {
  const list: AuthOptions["providers"] = [];
  const github = githubSettings();
  if (github) list.push(GitHubProvider({ clientId: github.clientId, clientSecret: github.clientSecret }));
  const oidc = oidcSettings();
  if (oidc) {
    const provider: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: oidc.name,
      type: "oauth",
      wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile) {
        return {
          id: profile.sub,
          name: profile.name ?? profile.preferred_username ?? null,
          // Users are keyed by email; an issuer that withholds it still gets a stable, unroutable one.
          email: profile.email ?? `${profile.sub}@oidc.invalid`,
          image: profile.picture ?? null,
        };
      },
    };
    list.push(provider);
  }
  return list;
}

export async function authOptions(): Promise<AuthOptions> {
  const { db } = await getDb();
  return {
    adapter: drizzleAuthAdapter(db, { firstUserIsAdmin: isEmbedded() }),
    providers: providers(),
    session: { strategy: "database", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin" },
    secret: process.env.NEXTAUTH_SECRET,
    logger: {
      error: (code, metadata) => console.error("next-auth", code, metadata),
      warn: () => {},
      debug: () => {},
    },
  };
}

export function configuredProviders(): { id: string; name: string }[] {
  return providers().map((p) => ({ id: p.id, name: p.name }));
}
