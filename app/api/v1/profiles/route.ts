import { apiRoute } from "@/app/_lib/api";
import { profileAggregates } from "@/db/queries/profiles";
import { profilesQuerySchema } from "@/lib/api/profiles";
import { AppError } from "@/lib/errors";
import { computeProfiles } from "@/lib/profiles";

/** Performance profiles of the schedules across task and tier pairs, and their scores. */
export const GET = apiRoute(async ({ request, db }) => {
  const parsed = profilesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues.map((i) => i.message).join("; "));
  const { tier, verified } = parsed.data;
  return Response.json(computeProfiles(await profileAggregates(db, { tier, verifiedOnly: verified === "1" })));
});
