import { resolveDbConfig } from "@/db/client";
import { DEFAULT_LEASE_SECONDS } from "@/db/queries/jobs";

/** Deployment settings read from the environment, in one place with their defaults. */
function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}

export function oidcSettings(): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return { issuer: OIDC_ISSUER.replace(/\/$/, ""), clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: OIDC_NAME ?? "OpenID Connect" };
}

export function githubSettings(): { clientId: string; clientSecret: string } | null {
  const { GITHUB_ID, GITHUB_SECRET } = process.env;
  return GITHUB_ID && GITHUB_SECRET ? { clientId: GITHUB_ID, clientSecret: GITHUB_SECRET } : null;
}

export function isEmbedded(): boolean {
  return resolveDbConfig().driver === "pglite";
}

/**
 * The single-user local sign-in: on when no provider is configured, so a fresh install is usable at
 * once; refused in production unless LRBENCH_LOCAL_SIGNIN=1 says so (the README's `npm start` does,
 * for the embedded database only).
 */
export function localSignInEnabled(): boolean {
  if (oidcSettings() || githubSettings()) return false;
  const flag = process.env.LRBENCH_LOCAL_SIGNIN;
  if (flag === "0") return false;
  if (flag === "1") return true;
  return process.env.NODE_ENV !== "production";
}

export const LOCAL_USER_EMAIL = "local@lrbench.localhost";

export const limits = {
  bodyBytes: () => positiveNumber("LRBENCH_BODY_LIMIT_BYTES", 1024 * 1024),
  /** ONNX exports and snapshots: a ResNet-50's is about 100 MB. */
  artifactBytes: () => positiveNumber("LRBENCH_ARTIFACT_LIMIT_BYTES", 512 * 1024 * 1024),
  writesPerTokenPerMinute: () => positiveNumber("LRBENCH_RATE_LIMIT_TOKEN_PER_MIN", 120),
  writesPerIpPerMinute: () => positiveNumber("LRBENCH_RATE_LIMIT_IP_PER_MIN", 60),
  writesPerWorkerPerMinute: () => positiveNumber("LRBENCH_RATE_LIMIT_WORKER_PER_MIN", 1200),
};

/**
 * Where a request's client address may be read. Forwarded headers are written by whoever sends the
 * request, so they count only where a proxy in front wrote them: Vercel's edge (VERCEL=1) overwrites
 * them, and LRBENCH_TRUSTED_PROXY names how many reverse proxies each append the address they saw.
 */
export const proxies = {
  onVercel: () => process.env.VERCEL === "1",
  /** 0 when the server faces clients directly. */
  trustedHops: () => {
    const hops = Number(process.env.LRBENCH_TRUSTED_PROXY ?? 0);
    return Number.isInteger(hops) && hops > 0 ? hops : 0;
  },
  /**
   * Set by `npm start`'s server (scripts/serve.mjs), which stamps each request's socket address into
   * SOCKET_ADDRESS_HEADER; a plain `next start` leaves that header as the client sent it.
   */
  socketAddressStamped: () => process.env.LRBENCH_SOCKET_ADDRESS_STAMPED === "1",
};

export const SOCKET_ADDRESS_HEADER = "x-lrbench-socket-address";

export const queue = {
  /** How long a claimed job stays a worker's without a heartbeat; workers beat every third of it. */
  leaseSeconds: () => positiveNumber("LRBENCH_LEASE_SECONDS", DEFAULT_LEASE_SECONDS),
};
