import { apiRoute } from "@/app/_lib/api";
import { loadComparison } from "@/app/_lib/operations/compare";
import { audienceOf } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";

/** The compare page's data: up to 20 runs, one metric, on an epoch, step or wall-time axis. */
export const GET = apiRoute(async ({ request, db, actor }) => {
  const query = new URL(request.url).searchParams;
  const ids = (query.get("runs") ?? "").split(",").filter(Boolean);
  const axis = query.get("axis") ?? "epoch";
  if (axis !== "epoch" && axis !== "step" && axis !== "wall") throw new AppError("bad_request", "axis must be epoch, step or wall");
  return Response.json(await loadComparison(db, audienceOf(actor), ids, query.get("metric") ?? "test_acc", axis));
});
