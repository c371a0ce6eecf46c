// Any origin would do: the value is resolved against it only to see whether it leaves it.
const STAND_IN_ORIGIN = "https://lrbench.invalid";

/**
 * Where to send someone after sign-in: a path on this site, or `fallback`. The value is parsed as a
 * browser would (the WHATWG URL parser) rather than by its first characters, because `/\evil.example`
 * and `/<TAB>/evil.example` look like paths yet a browser resolves both to another host. The returned
 * path is the parser's normalised form, checked again so that it cannot become `//host` either.
 */
export function sameSitePath(value: unknown, fallback = "/account"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  const stays = (candidate: string) => {
    try {
      return new URL(candidate, STAND_IN_ORIGIN).origin === STAND_IN_ORIGIN;
    } catch {
      return false;
    }
  };
  if (!stays(value)) return fallback;
  const url = new URL(value, STAND_IN_ORIGIN);
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") || !stays(path) ? fallback : path;
}
