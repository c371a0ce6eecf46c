CREATE TABLE "sweeps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"owner_id" uuid,
	"visibility" "visibility" DEFAULT 'public' NOT NULL,
	"base_schedule_id" uuid,
	"base_definition" jsonb NOT NULL,
	"field" text NOT NULL,
	"values" double precision[] NOT NULL,
	"schedule_ids" uuid[] NOT NULL,
	"task_id" text NOT NULL,
	"tier" text NOT NULL,
	"seeds" integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "options" jsonb;--> statement-breakpoint
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_base_schedule_id_schedules_id_fk" FOREIGN KEY ("base_schedule_id") REFERENCES "public"."schedules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sweeps_visibility_created_idx" ON "sweeps" USING btree ("visibility","created_at");--> statement-breakpoint
CREATE INDEX "sweeps_owner_idx" ON "sweeps" USING btree ("owner_id");