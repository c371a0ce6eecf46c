import { sql } from "drizzle-orm";
import { bigserial, boolean, customType, doublePrecision, index, integer, json, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { ResolvedDefinition, ScheduleDefinition } from "../lib/schedules";
import type { TaskDefinition, TaskTier } from "../lib/tasks/catalog";

export const userRole = pgEnum("user_role", ["visitor", "researcher", "admin"]);
export const visibility = pgEnum("visibility", ["public", "unlisted", "private"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name"),
  emailVerified: timestamp("email_verified", { withTimezone: true }),
  image: text("image"),
  role: userRole("role").notNull().default("researcher"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const tasks = pgTable("tasks", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  summary: text("summary").notNull(),
  /** The whole contract of the task as lib/tasks describes it, so pages need no second source. */
  definition: jsonb("definition").$type<TaskDefinition>().notNull(),
  tiers: jsonb("tiers").$type<TaskTier[]>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const schedules = pgTable(
  "schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    description: text("description"),
    definition: jsonb("definition").$type<ScheduleDefinition>().notNull(),
    /** Null for the platform's own baselines. */
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    visibility: visibility("visibility").notNull().default("public"),
    /** Baselines are the reference schedules every leaderboard compares against. */
    isBaseline: boolean("is_baseline").notNull().default(false),
    /** The task a baseline was tuned for (StepDecay milestones differ per task). */
    taskId: text("task_id").references(() => tasks.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => sql`now()`),
  },
  (table) => [
    index("schedules_visibility_created_idx").on(table.visibility, table.createdAt),
    index("schedules_owner_idx").on(table.ownerId),
  ],
);

/** Sign-in provider links (next-auth's account model). */
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    expiresAt: integer("expires_at"),
    tokenType: text("token_type"),
    scope: text("scope"),
    idToken: text("id_token"),
    sessionState: text("session_state"),
  },
  (table) => [primaryKey({ columns: [table.provider, table.providerAccountId] }), index("accounts_user_idx").on(table.userId)],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
);

/** Self-hosted GPU workers; each authenticates with a `worker`-scoped token. */
export const workers = pgTable("workers", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  ownerId: uuid("owner_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workerId: uuid("worker_id").references(() => workers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the secret, shown in lists and used to revoke it. */
    prefix: text("prefix").notNull().unique(),
    /** SHA-256 of the whole secret, hex; the secret itself is never stored. */
    secretHash: text("secret_hash").notNull().unique(),
    scopes: text("scopes").array().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("api_tokens_user_idx").on(table.userId)],
);

/**
 * Write rate limits as a sliding-window log: per key, the times of the writes allowed within the last
 * window. One row per key lets a single upsert count and record a hit atomically, and it lives in
 * PostgreSQL so the limit holds across every serverless instance, not per process.
 */
export const rateLimitLogs = pgTable("rate_limit_logs", {
  key: text("key").primaryKey(),
  hits: timestamp("hits", { withTimezone: true }).array().notNull(),
});

/**
 * uploaded: self-reported from a log; replayed: by this database's own workers; reference: a replay by
 * the project's worker elsewhere (a GPU), imported from a results bundle in the repository (db/reference).
 */
export const runSource = pgEnum("run_source", ["uploaded", "replayed", "reference"]);
export const runStatus = pgEnum("run_status", ["running", "finished", "failed", "diverged"]);

/** One training run: uploaded from someone's log, or replayed by a worker. */
export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    name: text("name"),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    tier: text("tier").notNull(),
    /** The catalog's taskVersion when the run was made; rows from before versions existed are 1. */
    taskVersion: integer("task_version").notNull().default(1),
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    /** A schedule given inline rather than by reference (kept as sent, after validation). */
    scheduleDefinition: jsonb("schedule_definition").$type<ScheduleDefinition>(),
    /** A budget-relative schedule resolved for this run's task and tier (null when nothing was relative). */
    resolvedDefinition: jsonb("resolved_definition").$type<ResolvedDefinition>(),
    seed: integer("seed"),
    engine: text("engine"),
    backend: text("backend"),
    device: text("device"),
    hardware: jsonb("hardware").$type<Record<string, unknown>>(),
    /** Numeric precision of training ("fp32", "bf16"); leaderboards never mix two in one row. Null: not recorded. */
    precision: text("precision"),
    source: runSource("source").notNull(),
    /** The log format an upload came in, for the record. */
    format: text("format"),
    xAxis: text("x_axis").$type<"epoch" | "step">().notNull().default("epoch"),
    status: runStatus("status").notNull().default("running"),
    visibility: visibility("visibility").notNull().default("public"),
    /** Facts derived on finish (final/best accuracy, decays, jumps, divergence, time to target). */
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    pointCount: integer("point_count").notNull().default(0),
    /** Test accuracy a worker measured by running the run's uploaded ONNX model (verification). */
    verifiedAcc: doublePrecision("verified_acc"),
    verification: jsonb("verification").$type<Record<string, unknown>>(),
    /** An upload's lr checked against its claimed schedule (lib/claim-check.ts); a "mismatch" is kept off every ranking. */
    claimCheck: jsonb("claim_check").$type<{ status: "matches" | "mismatch" | "unchecked"; reason: string }>(),
    // The summary's figures leaderboards aggregate, kept as columns by PostgreSQL itself so an aggregate
    // over thousands of runs reads numbers instead of parsing each run's JSON.
    finalAcc: doublePrecision("final_acc").generatedAlwaysAs(sql`((summary -> 'accuracy' ->> 'final'))::double precision`),
    bestAcc: doublePrecision("best_acc").generatedAlwaysAs(sql`((summary -> 'accuracy' ->> 'best'))::double precision`),
    epochsUsed: doublePrecision("epochs_used").generatedAlwaysAs(sql`((summary ->> 'epochs'))::double precision`),
    epochsToTarget: doublePrecision("epochs_to_target").generatedAlwaysAs(sql`((summary -> 'timeToTarget' ->> 'x'))::double precision`),
    wallToTarget: doublePrecision("wall_to_target").generatedAlwaysAs(sql`((summary -> 'timeToTarget' ->> 'wallSeconds'))::double precision`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("runs_task_created_idx").on(table.taskId, table.createdAt),
    index("runs_leaderboard_idx").on(table.taskId, table.tier, table.scheduleId, table.source),
    index("runs_schedule_idx").on(table.scheduleId),
    index("runs_owner_idx").on(table.ownerId),
  ],
);

/**
 * Metric points in chunks: one row per metric per stored batch, its values in parallel arrays.
 * A 10,000-point batch is a handful of rows instead of 10,000 index entries, and a chart's range read
 * (`x_min`/`x_max`) touches only the chunks that overlap it. Non-finite values are kept (NaN marks
 * divergence).
 */
export const metricChunks = pgTable(
  "metric_chunks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    xMin: doublePrecision("x_min").notNull(),
    xMax: doublePrecision("x_max").notNull(),
    count: integer("count").notNull(),
    xs: doublePrecision("xs").array().notNull(),
    values: doublePrecision("values").array().notNull(),
    /** Null when no point of the chunk has one. */
    steps: doublePrecision("steps").array(),
    epochs: doublePrecision("epochs").array(),
    wallTimes: doublePrecision("wall_times").array(),
  },
  (table) => [index("metric_chunks_run_name_x_idx").on(table.runId, table.name, table.xMin)],
);

/**
 * Each finished run's series, downsampled for charts and kept as one JSON array per metric, so a
 * compare page of 20 runs reads 20 x (a few) small rows instead of millions of points.
 */
export const runSeriesPreviews = pgTable(
  "run_series_previews",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    pointCount: integer("point_count").notNull(),
    /**
     * [[x, y], ...], y null where the stored value is not finite. Plain json, not jsonb: it is only
     * ever read whole, and json leaves PostgreSQL as the stored text with no conversion.
     */
    points: json("points").$type<[number, number | null][]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.name] })],
);

/** Batches already stored, by their sequence number: a retried batch is recognised and stored once. */
export const runBatches = pgTable(
  "run_batches",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    pointCount: integer("point_count").notNull(),
    /** SHA-256 of the batch's points: a resent seq must carry the same points. Null on batches stored before it was kept. */
    contentHash: text("content_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.seq] })],
);

export const runEvents = pgTable(
  "run_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    x: doublePrecision("x").notNull(),
    type: text("type").$type<"decay" | "terminate" | "divergence">().notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index("run_events_run_idx").on(table.runId, table.x)],
);

/**
 * Responses to requests sent with an Idempotency-Key, per caller: a retry gets the first answer
 * instead of doing the work twice.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: jsonb("body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);

export const jobState = pgEnum("job_state", ["queued", "running", "succeeded", "failed", "cancelled"]);

/**
 * Replay jobs: one schedule on one task, tier and seed. A worker holds a job under a lease it renews
 * with heartbeats; `attemptId` is the fencing token every worker write must carry, so a worker that
 * lost its lease can no longer write into the job's run, and `leaseHolder` the worker every such write
 * must come from.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    /**
     * replay: train the schedule on the task; verify: evaluate an uploaded run's ONNX model on the task's test set;
     * interpolate: evaluate the network between two of a run's weight snapshots (Smith and Topin).
     */
    kind: text("kind").$type<"replay" | "verify" | "interpolate">().notNull().default("replay"),
    /** The definition as submitted: editing the schedule later does not change a queued replay. Null for verify jobs. */
    definition: jsonb("definition").$type<ScheduleDefinition>(),
    /** verify and interpolate jobs: the run whose model or snapshots are evaluated (never replaced by an attempt, unlike run_id). */
    verifyRunId: uuid("verify_run_id").references(() => runs.id, { onDelete: "cascade" }),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    tier: text("tier").notNull(),
    seed: integer("seed").notNull(),
    /** replay: {snapshots: true} keeps the weights at every stage end; interpolate: {a, b} the two snapshot artifacts' names. */
    options: jsonb("options").$type<JobOptions>(),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    state: jobState("state").notNull().default("queued"),
    priority: integer("priority").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    /** Not before: the exponential backoff after a failed or abandoned attempt. */
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    leaseHolder: uuid("lease_holder").references(() => workers.id, { onDelete: "set null" }),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    attemptId: uuid("attempt_id"),
    /** The run of the current (or last) attempt. */
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    progress: jsonb("progress").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("jobs_claim_idx").on(table.state, table.priority, table.runAt),
    index("jobs_schedule_idx").on(table.scheduleId, table.createdAt),
  ],
);

export type JobOptions = { snapshots?: boolean; a?: string; b?: string };

/**
 * One schedule swept over a list of values for one field: a schedule per value (named
 * "<base> · lr=0.5", owned by the submitter, as visible as the sweep) and its replays per seed.
 */
export const sweeps = pgTable(
  "sweeps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    visibility: visibility("visibility").notNull().default("public"),
    baseScheduleId: uuid("base_schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    baseDefinition: jsonb("base_definition").$type<ScheduleDefinition>().notNull(),
    /** A path into the definition, as validation errors name it ("lr", "phases[1].lr"). */
    field: text("field").notNull(),
    values: doublePrecision("values").array().notNull(),
    /** The schedule made for each value, in the order of `values`. */
    scheduleIds: uuid("schedule_ids").array().notNull(),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    tier: text("tier").notNull(),
    seeds: integer("seeds").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sweeps_visibility_created_idx").on(table.visibility, table.createdAt), index("sweeps_owner_idx").on(table.ownerId)],
);
export type Sweep = typeof sweeps.$inferSelect;

export type Job = typeof jobs.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type RunEvent = typeof runEvents.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Worker = typeof workers.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type Schedule = typeof schedules.$inferSelect;
export type NewSchedule = typeof schedules.$inferInsert;


const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Files a run keeps: stage snapshots exported to ONNX, uploaded models to verify. The bytes live in this
 * table by default, so a serverless deployment needs no disk; with an S3-compatible bucket configured
 * they live there and `data` stays null.
 */
export const artifacts = pgTable(
  "artifacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").$type<"onnx" | "snapshot" | "model">().notNull(),
    /** The epoch whose end the file captures (stage snapshots). */
    epoch: integer("epoch"),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    sha256: text("sha256").notNull(),
    storage: text("storage").$type<"db" | "s3">().notNull(),
    data: bytea("data"),
    s3Key: text("s3_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("artifacts_run_name_key").on(table.runId, table.name)],
);
export type Artifact = typeof artifacts.$inferSelect;
