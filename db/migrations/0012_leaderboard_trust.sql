ALTER TABLE "runs" ADD COLUMN "precision" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "claim_check" jsonb;--> statement-breakpoint
-- custom SQL (keep when regenerating)
-- summary.epochs was the last x: 29 for the worker's 0-based 0..29. It now counts epochs
-- (lib/analysis/epochs.ts): a run whose first point sits at x = 0 is 0-based (floor(last) + 1),
-- any other (1..30, a 1-based logger) already counted them (ceil(last)). The first x is read from
-- the stored points; epochs_used follows, being generated from the summary.
UPDATE "runs" r SET "summary" = jsonb_set(
    jsonb_set(r."summary", '{firstX}', to_jsonb(f.first_x)),
    '{epochs}',
    to_jsonb(CASE WHEN f.first_x = 0 THEN floor((r."summary" ->> 'epochs')::double precision) + 1
                  ELSE ceil((r."summary" ->> 'epochs')::double precision) END))
FROM (SELECT "run_id", min("x_min") AS first_x FROM "metric_chunks" GROUP BY "run_id") f
WHERE f."run_id" = r."id" AND r."x_axis" = 'epoch' AND jsonb_typeof(r."summary" -> 'epochs') = 'number';
