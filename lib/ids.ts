import { z } from "zod";

const uuid = z.guid();

/**
 * Every id in lrbench is a UUID. Anything else cannot name a row, and handing it to PostgreSQL would
 * only raise a cast error (a 500), so callers answer "not found" or name the field instead.
 */
export function isUuid(value: unknown): boolean {
  return uuid.safeParse(value).success;
}
