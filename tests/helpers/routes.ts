import * as runsRoute from "@/app/api/v1/runs/route";
import * as runPointsRoute from "@/app/api/v1/runs/[id]/points/route";
import * as runFinishRoute from "@/app/api/v1/runs/[id]/finish/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as claimRoute from "@/app/api/v1/worker/claim/route";
import * as heartbeatRoute from "@/app/api/v1/worker/jobs/[id]/heartbeat/route";
import * as resolveRoute from "@/app/api/v1/worker/jobs/[id]/resolve/route";
import * as workerPointsRoute from "@/app/api/v1/worker/jobs/[id]/points/route";
import * as completeRoute from "@/app/api/v1/worker/jobs/[id]/complete/route";
import * as failRoute from "@/app/api/v1/worker/jobs/[id]/fail/route";
import * as artifactRoute from "@/app/api/v1/worker/jobs/[id]/artifacts/[name]/route";
import * as runArtifactRoute from "@/app/api/v1/runs/[id]/artifacts/[name]/route";
import * as runModelRoute from "@/app/api/v1/runs/[id]/model/route";
import * as runModelUploadsRoute from "@/app/api/v1/runs/[id]/model/uploads/route";
import * as runModelUploadsFinishRoute from "@/app/api/v1/runs/[id]/model/uploads/finish/route";
import * as workerUploadsRoute from "@/app/api/v1/worker/jobs/[id]/uploads/route";
import * as workerUploadsFinishRoute from "@/app/api/v1/worker/jobs/[id]/uploads/finish/route";
import * as runVerifyRoute from "@/app/api/v1/runs/[id]/verify/route";
import * as schedulesRoute from "@/app/api/v1/schedules/route";
import * as scheduleRoute from "@/app/api/v1/schedules/[id]/route";

type Handler = (request: Request, context: { params: Promise<{ id: string; name: string }> }) => Promise<Response>;

/**
 * The routes clients (lrbench upload, the upload form, the worker) call, by path: the one table both the
 * in-process fetch (route-fetch.ts) and the test HTTP server (api-server.ts) serve.
 */
const ROUTES: [RegExp, Handler][] = [
  [/^\/api\/v1\/runs$/, (r) => runsRoute.POST(r)],
  [/^\/api\/v1\/runs\/([^/]+)\/points$/, runPointsRoute.POST],
  [/^\/api\/v1\/runs\/([^/]+)\/finish$/, runFinishRoute.POST],
  // The upload form deletes a run whose batches did not all arrive.
  [/^\/api\/v1\/runs\/([^/]+)$/, (r, c) => (r.method === "DELETE" ? runRoute.DELETE(r, c) : runRoute.GET(r, c))],
  [/^\/api\/v1\/worker\/claim$/, (r) => claimRoute.POST(r)],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/heartbeat$/, heartbeatRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/resolve$/, resolveRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/points$/, workerPointsRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/complete$/, completeRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/fail$/, failRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/artifacts\/([^/]+)$/, artifactRoute.PUT],
  [/^\/api\/v1\/runs\/([^/]+)\/artifacts\/([^/]+)$/, runArtifactRoute.GET],
  [/^\/api\/v1\/runs\/([^/]+)\/model$/, runModelRoute.PUT],
  [/^\/api\/v1\/runs\/([^/]+)\/model\/uploads$/, runModelUploadsRoute.POST],
  [/^\/api\/v1\/runs\/([^/]+)\/model\/uploads\/finish$/, runModelUploadsFinishRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/uploads$/, workerUploadsRoute.POST],
  [/^\/api\/v1\/worker\/jobs\/([^/]+)\/uploads\/finish$/, workerUploadsFinishRoute.POST],
  [/^\/api\/v1\/runs\/([^/]+)\/verify$/, runVerifyRoute.POST],
  // lrbench upload looks a --schedule up before creating the run.
  [/^\/api\/v1\/schedules$/, (r) => schedulesRoute.GET(r)],
  [/^\/api\/v1\/schedules\/([^/]+)$/, scheduleRoute.GET],
];

/** Hands a request to the real route handler of its path (a JSON 404 when there is none). */
export async function dispatchRoute(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const route = ROUTES.find(([pattern]) => pattern.test(pathname));
  if (!route) return Response.json({ error: { code: "not_found", message: `no route ${pathname}` } }, { status: 404 });
  const [, id, name = ""] = route[0].exec(pathname)!;
  return route[1](request, { params: Promise.resolve({ id, name: decodeURIComponent(name) }) });
}
