import { forbidden } from "@/lib/errors";

function hostOf(url: string | undefined | null): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/**
 * Refuses a form post another site made the browser send (login and logout CSRF). Browsers say where a
 * request comes from in Sec-Fetch-Site, and older ones in Origin; a client that sends neither is not a
 * browser another site can drive, so it passes.
 */
export function assertSameOriginPost(request: Request): void {
  const refused = () => forbidden("This form can only be sent from this site's own pages.");
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    // "none": the user's own action (a bookmark, the address bar), never another page's.
    if (site !== "same-origin" && site !== "none") throw refused();
    return;
  }
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const ownHosts = [request.headers.get("host"), request.headers.get("x-forwarded-host"), hostOf(request.url), hostOf(process.env.NEXTAUTH_URL)];
  const originHost = hostOf(origin);
  if (!originHost || !ownHosts.includes(originHost)) throw refused();
}
