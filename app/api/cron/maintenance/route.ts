import { getDb } from "@/db";
import { assertCronRequest } from "@/app/_lib/cron-auth";
import { runMaintenance } from "@/app/_lib/operations/maintenance";
import { toErrorResponse } from "@/lib/errors";

// Vercel Cron calls with GET (vercel.json's "crons"); nothing here may be cached.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    assertCronRequest(request);
    const { db } = await getDb();
    return Response.json(await runMaintenance(db), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
