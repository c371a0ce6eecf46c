ALTER TABLE "jobs" ALTER COLUMN "definition" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "kind" text DEFAULT 'replay' NOT NULL;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "verify_run_id" uuid;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "verified_acc" double precision;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "verification" jsonb;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_verify_run_id_runs_id_fk" FOREIGN KEY ("verify_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;