import * as runsRoute from "@/app/api/v1/runs/route";
import * as runPointsRoute from "@/app/api/v1/runs/[id]/points/route";
import * as runFinishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as claimRoute from "@/app/api/v1/worker/claim/route";
import * as heartbeatRoute from "@/app/api/v1/worker/jobs/[id]/heartbeat/route";
import * as workerPointsRoute from "@/app/api/v1/worker/jobs/[id]/points/route";
import * as completeRoute from "@/app/api/v1/worker/jobs/[id]/complete/route";
import * as failRoute from "@/app/api/v1/worker/jobs/[id]/fail/route";
import * as artifactRoute from "@/app/api/v1/worker/jobs/[id]/artifacts/[name]/route";
import * as runArtifactRoute from "@/app/api/v1/runs/[id]/artifacts/[name]/route";

type Handler = (request: Request, context: { params: Promise<{ id: string; name: string }> }) => Promise<Response>;

// The routes clients (lrbench upload, the worker) call, by path.
const ROUTES: [RegExp, Handler][] = [
  [/^\/api\/v1\/runs$/, (r) => runsRoute.POST(r)],
  [/^\/api\/v1\/runs\/([^/]+)\/points$/, runPointsRoute.POST],
  [/^\/api\/v1\/runs\/([^/]+)\/finish$/, runFinishRoute.POST],
  [/^\/api\/v1\/worker\/claim$/, (r) => claimRoute.POST(r)],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/heartbeat$/, heartbeatRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/points$/, workerPointsRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/complete$/, completeRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/fail$/, failRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/artifacts\/([^/]+)$/, artifactRoute.PUT],
  [/^\/api\/v1\/runs\/([^/]+)\/artifacts\/([^/]+)$/, runArtifactRoute.GET],
];

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
    const route = ROUTES.find(([pattern]) => pattern.test(pathname));
    if (!route) return Response.json({ error: { code: "not_found", message: `no route ${pathname}` } }, { status: 404 });
    const [, id, name = ""] = route[0].exec(pathname)!;
    const response = await route[1](request, { params: Promise.resolve({ id, name: decodeURIComponent(name) }) });
    if (failure) return Response.json({ error: { code: "internal", message: "lost" } }, { status: failure, headers: failure === 429 ? { "Retry-After": "1" } : {} });
    return response;
  };
}
