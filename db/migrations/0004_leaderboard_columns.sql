ALTER TABLE "runs" ADD COLUMN "final_acc" double precision GENERATED ALWAYS AS (((summary -> 'accuracy' ->> 'final'))::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "best_acc" double precision GENERATED ALWAYS AS (((summary -> 'accuracy' ->> 'best'))::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "epochs_used" double precision GENERATED ALWAYS AS (((summary ->> 'epochs'))::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "epochs_to_target" double precision GENERATED ALWAYS AS (((summary -> 'timeToTarget' ->> 'x'))::double precision) STORED;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "wall_to_target" double precision GENERATED ALWAYS AS (((summary -> 'timeToTarget' ->> 'wallSeconds'))::double precision) STORED;--> statement-breakpoint
CREATE INDEX "runs_leaderboard_idx" ON "runs" USING btree ("task_id","tier","schedule_id","source");