import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Scheduled routes answer only the scheduler: Vercel Cron sends `Authorization: Bearer $CRON_SECRET`;
 * any other scheduler (a systemd timer, a Kubernetes CronJob) sends the same header. Without the secret
 * configured the route stays shut rather than open to anyone.
 */
export function assertCronRequest(request: Request, secret = process.env.CRON_SECRET): void {
  if (!secret) throw new AppError("forbidden", "Scheduled work is switched off: set CRON_SECRET and send it as `Authorization: Bearer <CRON_SECRET>`.");
  const presented = request.headers.get("authorization") ?? "";
  // Hashes have equal lengths, so the comparison takes the same time whatever was sent.
  if (!timingSafeEqual(digest(presented), digest(`Bearer ${secret}`))) {
    throw new AppError("unauthorized", "This route is for the scheduler: send `Authorization: Bearer <CRON_SECRET>`.");
  }
}
