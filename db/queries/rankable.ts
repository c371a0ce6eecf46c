import { sql } from "drizzle-orm";

/** Runs any ranking may count: an upload whose lr contradicts its claimed schedule is kept off them all. */
export const rankable = (alias = "r") => sql.raw(`(${alias}.claim_check is null or ${alias}.claim_check ->> 'status' <> 'mismatch')`);
