import { dispatchRoute } from "./routes";

export type Failure = "network" | 503 | 429 | null;

/**
 * A fetch that hands requests to the real route handlers in-process. `fail(path, attempt)` may lose a
 * request (network error before it arrives) or its answer (a 503/429 after the server did the work).
 */
export function routeFetch(fail: (pathname: string, attempt: number) => Failure = () => null) {
  const attempts = new Map<string, number>();
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const key = `${request.method} ${pathname}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const failure = fail(pathname, attempt);
    if (failure === "network") throw new TypeError("fetch failed", { cause: new Error("ECONNREFUSED") });
    const response = await dispatchRoute(request);
    if (failure) return Response.json({ error: { code: "internal", message: "lost" } }, { status: failure, headers: failure === 429 ? { "Retry-After": "1" } : {} });
    return response;
  };
}
