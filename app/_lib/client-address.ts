import { proxies, SOCKET_ADDRESS_HEADER } from "./settings";

/** Every client of a server that cannot see its clients' addresses shares this one. */
export const UNKNOWN_CLIENT = "direct";

function forwardedChain(headers: Headers, name: string): string[] {
  return (headers.get(name) ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The address the per-address write limit counts against. A forwarded header is believed only where a
 * trusted proxy wrote it; otherwise a client could name a new address on every request and never be
 * limited. Without a proxy, the socket address is used where `npm start`'s server stamps it, and where
 * nothing can tell the clients apart (a plain `next start` keeps a client's own X-Forwarded-For) they
 * all share one budget.
 */
export function clientAddress(headers: Headers): string {
  if (proxies.onVercel()) {
    // Vercel's edge replaces both headers with the address it saw.
    return forwardedChain(headers, "x-vercel-forwarded-for")[0] ?? forwardedChain(headers, "x-forwarded-for")[0] ?? UNKNOWN_CLIENT;
  }
  const hops = proxies.trustedHops();
  if (hops > 0) {
    // Each trusted proxy appends the address it saw, so entries further left are the client's own claims.
    const chain = forwardedChain(headers, "x-forwarded-for");
    return chain[Math.max(0, chain.length - hops)] ?? UNKNOWN_CLIENT;
  }
  if (proxies.socketAddressStamped()) return headers.get(SOCKET_ADDRESS_HEADER) || UNKNOWN_CLIENT;
  return UNKNOWN_CLIENT;
}
