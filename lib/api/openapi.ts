import { z } from "zod";
import { TOKEN_SCOPES } from "../auth/tokens";
import { ERROR_STATUS } from "../errors";
import { artifactInfoSchema, artifactUploadQuerySchema, modelUploadBodySchema, presignedUploadSchema, workerUploadBodySchema } from "./artifacts";
import { interpolateBodySchema } from "./interpolation";
import { createSweepBodySchema, MAX_SWEEP_RUNS, MAX_SWEEP_VALUES } from "./sweeps";
import { claimBodySchema, completeBodySchema, failBodySchema, heartbeatBodySchema, resolveBodySchema, submitJobsBodySchema, workerPointsBodySchema } from "./jobs";
import { leaderboardQuerySchema } from "./leaderboard";
import { profilesQuerySchema, profilesResponseSchema } from "./profiles";
import { appendPointsBodySchema, createRunBodySchema, finishRunBodySchema, MAX_POINTS_PER_BATCH, updateRunBodySchema } from "./runs";
import { scheduleBodyDocumentSchema, updateScheduleBodyDocumentSchema } from "./schedules";

// The request schemas are the ones the handlers validate with, so the document cannot drift from them.
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

const errorBody = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { enum: Object.keys(ERROR_STATUS) }, message: { type: "string" } },
    },
  },
};

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]),
  );

const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const nameParam = { name: "name", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_.-]{1,100}$" } };
const queryParams = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, field]) => ({ name, in: "query", required: !(field as z.ZodType).safeParse(undefined).success, schema: json(field as z.ZodType) }));
const workerOnly = "Needs a worker token (scope worker).";
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "A retried request with the same key gets the first answer and stores nothing twice.",
  schema: { type: "string", maxLength: 200 },
};

export function openApiDocument(serverUrl = "/") {
  return {
    openapi: "3.1.0",
    info: {
      title: "lrbench API",
      version: "1",
      description: `Learning-rate schedules, runs and replays. Authenticate with 'Authorization: Bearer <token>' (scopes: ${TOKEN_SCOPES.join(", ")}).`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An lrbench API token (lrb_...)" } },
      schemas: {
        Error: errorBody,
        CreateSchedule: json(scheduleBodyDocumentSchema),
        UpdateSchedule: json(updateScheduleBodyDocumentSchema),
        CreateRun: json(createRunBodySchema),
        UpdateRun: json(updateRunBodySchema),
        AppendPoints: json(appendPointsBodySchema),
        FinishRun: json(finishRunBodySchema),
        Profiles: z.toJSONSchema(profilesResponseSchema, { io: "output", target: "draft-2020-12" }),
        SubmitJobs: json(submitJobsBodySchema),
        CreateSweep: json(createSweepBodySchema),
        Interpolate: json(interpolateBodySchema),
        Claim: json(claimBodySchema),
        Heartbeat: json(heartbeatBodySchema),
        Resolve: json(resolveBodySchema),
        WorkerPoints: json(workerPointsBodySchema),
        WorkerUpload: json(workerUploadBodySchema),
        ModelUpload: json(modelUploadBodySchema),
        Complete: json(completeBodySchema),
        Fail: json(failBodySchema),
        Artifact: z.toJSONSchema(artifactInfoSchema, { io: "output", target: "draft-2020-12" }),
      },
    },
    paths: {
      "/api/v1/me": { get: { summary: "Who this token or session is", responses: { "200": ok("The caller"), ...errors(401) } } },
      "/api/v1/tasks": { get: { summary: "The standard tasks", security: [], responses: { "200": ok("Tasks") } } },
      "/api/v1/schedules": {
        get: { summary: "Public schedules", security: [], responses: { "200": ok("Schedules") } },
        post: { summary: "Create a schedule (scope schedules:write)", requestBody: body("CreateSchedule"), responses: { "201": ok("Created"), ...errors(401, 403, 413, 422, 429) } },
      },
      "/api/v1/schedules/{id}": {
        parameters: [idParam],
        get: { summary: "A schedule", security: [], responses: { "200": ok("The schedule"), ...errors(404) } },
        patch: {
          summary: "Change a schedule (owner or admin; scope schedules:write), only while it has no runs or replay jobs: 409 otherwise (fork it instead)",
          requestBody: body("UpdateSchedule"),
          responses: { "200": ok("The schedule"), ...errors(401, 403, 404, 409, 422, 429) },
        },
        delete: { summary: "Delete a schedule (owner or admin)", responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404) } },
      },
      "/api/v1/runs": {
        get: {
          summary: "Runs, newest first, 25 a page",
          security: [],
          parameters: ["task", "schedule", "source", "owner", "page"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
          responses: { "200": ok("A page of runs"), ...errors(400) },
        },
        post: {
          summary: `Create a run, optionally with up to ${MAX_POINTS_PER_BATCH} points (scope runs:write)`,
          parameters: [idempotencyKey],
          requestBody: body("CreateRun"),
          responses: { "201": ok("Created"), ...errors(401, 403, 413, 422, 429) },
        },
      },
      "/api/v1/runs/upload": {
        post: {
          summary: "Upload a log file in any supported format (multipart/form-data; scope runs:write)",
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file", "taskId", "tier"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    taskId: { type: "string" },
                    tier: { enum: ["smoke", "short", "full"] },
                    format: { type: "string" },
                    scheduleId: { type: "string", format: "uuid" },
                    seed: { type: "integer", minimum: 0 },
                    name: { type: "string" },
                  },
                },
              },
            },
          },
          responses: { "201": ok("The finished run"), ...errors(400, 401, 403, 413, 422, 429) },
        },
      },
      "/api/v1/runs/{id}": {
        parameters: [idParam],
        get: { summary: "A run with its summary and events", security: [], responses: { "200": ok("The run"), ...errors(404) } },
        patch: { summary: "Rename a run (owner or admin; scope runs:write)", requestBody: body("UpdateRun"), responses: { "200": ok("The run"), ...errors(401, 403, 404, 422, 429) } },
        delete: {
          summary: "Delete a run with its points, events, previews and artifacts (owner or admin; scope runs:write). A replay's run: admins only (409)",
          responses: { "204": { description: "Deleted" }, ...errors(401, 403, 404, 409, 429) },
        },
      },
      "/api/v1/runs/{id}/points": {
        parameters: [idParam],
        post: {
          summary: `Append a batch of at most ${MAX_POINTS_PER_BATCH} points; a seq already stored is acknowledged (200) when its points are the same and refused (409) when they differ`,
          requestBody: body("AppendPoints"),
          responses: { "201": ok("Stored"), "200": ok("Already stored"), ...errors(401, 403, 404, 409, 413, 422, 429) },
        },
      },
      "/api/v1/runs/{id}/finish": {
        parameters: [idParam],
        post: { summary: "Finish a run and derive its facts", requestBody: body("FinishRun"), responses: { "200": ok("The finished run"), ...errors(401, 403, 404, 422) } },
      },
      "/api/v1/runs/{id}/series": {
        parameters: [idParam],
        get: { summary: "A run's series, downsampled to at most 2,000 points each", security: [], responses: { "200": ok("Series"), ...errors(400, 404) } },
      },
      "/api/v1/compare": {
        get: { summary: "Up to 20 runs on one axis, with per-schedule mean and spread", security: [], responses: { "200": ok("Comparison"), ...errors(400) } },
      },
      "/api/v1/profiles": {
        get: {
          summary: "Performance profiles: per schedule, the share of task and tier pairs on which its epochs to target are within tau of the best, and its score",
          security: [],
          parameters: Object.keys(profilesQuerySchema.shape).map((name) => ({
            name,
            in: "query",
            required: false,
            schema: json(profilesQuerySchema.shape[name as keyof typeof profilesQuerySchema.shape]),
          })),
          responses: { "200": { description: "Profiles", content: { "application/json": { schema: { $ref: "#/components/schemas/Profiles" } } } }, ...errors(400) },
        },
      },
      "/api/v1/leaderboard": {
        get: { summary: "One row per schedule, source and precision on a task and tier, aggregated over seeds and ranked (JSON or CSV); verified replays unless source says otherwise", security: [], parameters: queryParams(leaderboardQuerySchema), responses: { "200": ok("Rows"), ...errors(400, 404) } },
      },
      "/api/v1/runs/{id}/artifacts": {
        parameters: [idParam],
        get: { summary: "The run's files: stage snapshots exported to ONNX, models", security: [], responses: { "200": { description: "Artifacts", content: { "application/json": { schema: { type: "object", properties: { artifacts: { type: "array", items: { $ref: "#/components/schemas/Artifact" } } } } } } }, ...errors(404) } },
      },
      "/api/v1/runs/{id}/artifacts/{name}": {
        parameters: [idParam, nameParam],
        get: { summary: "One artifact's bytes", security: [], responses: { "200": { description: "The file", content: { "application/octet-stream": {} } }, ...errors(404) } },
      },
      "/api/v1/runs/{id}/model": {
        parameters: [idParam],
        put: { summary: "Attach the run's model (ONNX, final weights; it must take the task's raw test inputs and put out logits first). Owner or admin, scope runs:write", requestBody: { required: true, content: { "application/octet-stream": {} } }, responses: { "201": ok("The stored model"), ...errors(401, 403, 404, 413, 422) } },
      },
      "/api/v1/runs/{id}/model/uploads": {
        parameters: [idParam],
        post: { summary: "Begin a direct upload of the run's model: declare its size and SHA-256, get a presigned URL to PUT the bytes to (with the given headers), then finish. `upload` is null where no bucket is configured: PUT the bytes to /model instead", requestBody: body("ModelUpload"), responses: { "200": { description: "Where to PUT the bytes", content: { "application/json": { schema: { type: "object", properties: { upload: json(presignedUploadSchema) } } } } }, ...errors(401, 403, 404, 413, 422) } },
      },
      "/api/v1/runs/{id}/model/uploads/finish": {
        parameters: [idParam],
        post: { summary: "Record the model PUT to the bucket: its size and SHA-256 must be the declared ones and its ONNX structure must pass, or the object is removed (422)", requestBody: body("ModelUpload"), responses: { "201": ok("The stored model"), ...errors(401, 403, 404, 422) } },
      },
      "/api/v1/runs/{id}/verify": {
        parameters: [idParam],
        post: { summary: "Queue a worker to evaluate the run's model on the task's test set (ps10-noise, cifar10-wrn); an open request is reused", responses: { "201": ok("The queued job"), "200": ok("The job already open"), ...errors(401, 403, 404, 422) } },
      },
      "/api/v1/runs/{id}/interpolate": {
        parameters: [idParam],
        post: {
          summary: "Queue a worker with the torch engine to score the run's network at 21 alphas between two of its weight snapshots (artifact names a and b; alpha 1 is a) on the test set and a training subset, BatchNorm statistics recomputed per alpha; stored as the run's series interpolation/*. The run's owner, scope jobs:submit and runs:write; an open request is reused",
          requestBody: body("Interpolate"),
          responses: { "201": ok("The queued job"), "200": ok("The job already open"), ...errors(401, 403, 404, 422) },
        },
      },
      "/api/v1/jobs": {
        get: { summary: "Replay jobs, newest first (filter by scheduleId or ids)", security: [], responses: { "200": ok("Jobs") } },
        post: { summary: "Queue one replay job per seed (scope jobs:submit)", requestBody: body("SubmitJobs"), responses: { "201": ok("The jobs"), ...errors(401, 403, 422) } },
      },
      "/api/v1/sweeps": {
        post: {
          summary: `Sweep one field of a schedule (scheduleId) or a definition over values and seeds: a schedule per value ("<base> · lr=0.5", owned by the caller, with the sweep's visibility, never more open than its base) and a replay per value and seed, all or nothing; 422 names the value that makes the definition invalid. At most ${MAX_SWEEP_VALUES} values and ${MAX_SWEEP_RUNS} replays. Scopes jobs:submit and schedules:write`,
          requestBody: body("CreateSweep"),
          responses: { "201": ok("The sweep and its jobs"), ...errors(401, 403, 413, 422, 429) },
        },
      },
      "/api/v1/sweeps/{id}": {
        parameters: [idParam],
        get: { summary: "A sweep and, per value, its runs, how many finished and diverged, and the final test accuracy and training loss with 95% intervals over finished seeds", security: [], responses: { "200": ok("The sweep"), ...errors(404) } },
      },
      "/api/v1/jobs/{id}/cancel": {
        parameters: [idParam],
        post: { summary: "Cancel a job: a queued one at once, a running one at its worker's next heartbeat", responses: { "200": ok("The job"), ...errors(401, 403, 404, 409) } },
      },
      "/api/v1/worker/claim": {
        post: { summary: `Claim the next job (one statement, FOR UPDATE SKIP LOCKED). ${workerOnly}`, requestBody: body("Claim"), responses: { "200": ok("The job and its fencing attemptId"), "204": { description: "Nothing to do" }, ...errors(401, 403) } },
      },
      "/api/v1/worker/jobs/{id}/heartbeat": {
        parameters: [idParam],
        post: { summary: `Extend the lease; the answer says whether the job was cancelled. ${workerOnly}`, requestBody: body("Heartbeat"), responses: { "200": ok("Lease and cancel flag"), ...errors(401, 403, 409) } },
      },
      "/api/v1/worker/jobs/{id}/resolve": {
        parameters: [idParam],
        post: { summary: `Resolve the job's schedule for the budget the engine set up (epochs, iterations per epoch), before the first step; a budget-relative one is stored on the run. 422 when it cannot resolve: report that failure with retryable false. ${workerOnly}`, requestBody: body("Resolve"), responses: { "200": ok("The resolved definition"), ...errors(401, 403, 409, 422) } },
      },
      "/api/v1/worker/jobs/{id}/points": {
        parameters: [idParam],
        post: { summary: `Append a numbered batch of metrics to the job's run (a resent seq with the same points is acknowledged, with other points refused with 409). ${workerOnly}`, requestBody: body("WorkerPoints"), responses: { "201": ok("Stored"), "200": ok("Already stored"), ...errors(401, 403, 409, 413, 422) } },
      },
      "/api/v1/worker/jobs/{id}/artifacts/{name}": {
        parameters: [idParam, nameParam, ...queryParams(artifactUploadQuerySchema)],
        put: { summary: `Store a file for the job's run (the body is its bytes; a repeat replaces it). ${workerOnly}`, requestBody: { required: true, content: { "application/octet-stream": {} } }, responses: { "201": ok("The artifact"), ...errors(401, 403, 409, 413, 422) } },
      },
      "/api/v1/worker/jobs/{id}/uploads": {
        parameters: [idParam],
        post: { summary: `Begin a direct upload of a file for the job's run (declare name, kind, size and SHA-256; get a presigned URL to PUT the bytes to, then finish). \`upload\` is null where no bucket is configured: PUT the bytes to /artifacts/{name} instead. ${workerOnly}`, requestBody: body("WorkerUpload"), responses: { "200": { description: "Where to PUT the bytes", content: { "application/json": { schema: { type: "object", properties: { upload: json(presignedUploadSchema) } } } } }, ...errors(401, 403, 409, 413, 422) } },
      },
      "/api/v1/worker/jobs/{id}/uploads/finish": {
        parameters: [idParam],
        post: { summary: `Record a file PUT to the bucket once its size and SHA-256 are the declared ones (else the object is removed, 422). ${workerOnly}`, requestBody: body("WorkerUpload"), responses: { "201": ok("The artifact"), ...errors(401, 403, 409, 422) } },
      },
      "/api/v1/worker/jobs/{id}/complete": {
        parameters: [idParam],
        post: { summary: `Finish the job and its run, with the schedule's own events. ${workerOnly}`, requestBody: body("Complete"), responses: { "200": ok("The run"), ...errors(401, 403, 409) } },
      },
      "/api/v1/worker/jobs/{id}/fail": {
        parameters: [idParam],
        post: { summary: `Report the attempt failed: back to the queue with backoff while attempts remain. ${workerOnly}`, requestBody: body("Fail"), responses: { "200": ok("The job"), ...errors(401, 403, 409) } },
      },
      "/api/v1/openapi.json": { get: { summary: "This document", security: [], responses: { "200": ok("OpenAPI 3.1") } } },
    },
  };
}
