import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { batchesOf, logPoints } from "../../lib/api/batches";
import { RUN_PRECISIONS } from "../../lib/precision";
import { isRunLogFormat, RunLogParseError, RUN_LOG_FORMATS, storedXAxis, type RunLogFormat } from "../../lib/runlogs";
import { formatErrors, parseDefinition } from "../../lib/schedules";
import { requestJson } from "../http";
import { CliError, readBytes, readJson, type CliIo } from "../io";
import { readRunLog } from "../read-run-log";
import { uploadModel } from "../upload-model";

interface UploadOptions {
  server: string;
  token?: string;
  task: string;
  tier: string;
  schedule?: string;
  seed?: number;
  name?: string;
  format?: string;
  precision?: string;
  retries: number;
  model?: string;
}

const integer = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}, got '${value}'.`);
  return n;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ScheduleLookup {
  /** GET a path under /api/v1 as this token; null on 404. */
  get: (path: string) => Promise<unknown | null>;
}

/**
 * `--schedule` is a definition file (sent inline), a schedule's id on the server, or the exact name of
 * a public schedule there. Anything else is said to be neither, before a run is created.
 */
async function scheduleFields(value: string | undefined, io: CliIo, server: ScheduleLookup) {
  if (!value) return {};
  if (value === "-" || existsSync(value)) {
    const parsed = parseDefinition(await readJson(value, io, "schedule definition"));
    if (!parsed.ok) throw new CliError(`invalid schedule definition in ${value}:\n${formatErrors(parsed.errors)}`);
    return { schedule: parsed.definition };
  }
  const neither = (what: string) => new CliError(`--schedule '${value}' is neither a schedule on the server (${what}) nor a file here`);
  if (UUID.test(value)) {
    if ((await server.get(`/schedules/${value}`)) === null) throw neither("no schedule with that id that this token can read");
    return { scheduleId: value };
  }
  const { schedules } = ((await server.get("/schedules")) ?? { schedules: [] }) as { schedules: { id: string; name: string }[] };
  const named = schedules.filter((s) => s.name === value);
  if (named.length > 1) throw new CliError(`--schedule '${value}' names ${named.length} public schedules on the server; pass one's id: ${named.map((s) => s.id).join(", ")}`);
  if (named.length === 0) throw neither("neither an id nor the name of a public schedule");
  return { scheduleId: named[0].id };
}

export function uploadCommand(io: CliIo): Command {
  return new Command("upload")
    .description("upload a training log as a run: parsed here, sent in batches (at most 10,000 points and 3.5 MB each), retried safely")
    .argument("<file>", "the log file or MLflow run folder (anything `lrbench parse` reads), or - for standard input")
    .requiredOption("--server <url>", "the lrbench server, e.g. https://lrbench.example.org")
    .option("--token <token>", "an API token with the runs:write scope (default: $LRBENCH_TOKEN)")
    .requiredOption("--task <id>", "the task the run trained, e.g. cifar10-wrn")
    // Required: the tier fixes the budget the log is checked against and the leaderboard it joins; a default guessed wrong.
    .requiredOption("--tier <tier>", "the tier it trained: smoke, short or full")
    .option("--schedule <id|name|file>", "the schedule: its id or exact name on the server, or a definition file (linked to a schedule with the same definition, or a new one you own)")
    .option("--precision <precision>", `the numeric precision it trained in: ${RUN_PRECISIONS.join(", ")}`)
    .option("--seed <n>", "the run's seed", integer("--seed", 0))
    .option("--name <name>", "a name for the run")
    .option("--format <format>", `the log format (default: recognised): ${RUN_LOG_FORMATS.join(", ")}`)
    .option("--model <file.onnx>", "an ONNX export of the run's final weights: attached to the run and queued for verification by a worker")
    .option("--retries <n>", "attempts per request before giving up", integer("--retries", 1), 6)
    .action(async (file: string, options: UploadOptions) => {
      const token = options.token ?? process.env.LRBENCH_TOKEN;
      if (!token) throw new CliError("an API token is needed: pass --token or set LRBENCH_TOKEN");
      if (options.format !== undefined && !isRunLogFormat(options.format)) {
        throw new CliError(`--format must be one of ${RUN_LOG_FORMATS.join(", ")}, got '${options.format}'`);
      }
      if (options.precision !== undefined && !(RUN_PRECISIONS as readonly string[]).includes(options.precision)) {
        throw new CliError(`--precision must be one of ${RUN_PRECISIONS.join(", ")}, got '${options.precision}'`);
      }
      let log;
      try {
        log = await readRunLog(file, options.format as RunLogFormat | undefined, io);
      } catch (error) {
        if (error instanceof RunLogParseError) throw new CliError(error.message);
        throw error;
      }
      const points = logPoints(log);
      if (points.length === 0) throw new CliError(`${log.format}: the file holds no metrics`);
      // Read before anything is created: a missing model must not leave a run behind without it.
      const model = options.model === undefined ? null : await readBytes(options.model, io);

      const server = options.server.replace(/\/$/, "");
      const retry = { attempts: options.retries, baseDelayMs: 1000, log: io.stderr };
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
        requestJson(`${server}/api/v1${path}`, { method: "POST", headers: { ...headers, ...extra }, body: JSON.stringify(body) }, retry);
      const lookup: ScheduleLookup = {
        get: async (path) => {
          try {
            return await requestJson(`${server}/api/v1${path}`, { headers: { authorization: headers.authorization } }, retry);
          } catch (error) {
            if (error instanceof CliError && / failed with 404:/.test(error.message)) return null;
            throw error;
          }
        },
      };
      // Resolved before the run is created: a --schedule that names nothing must leave nothing behind.
      const scheduleBody = await scheduleFields(options.schedule, io, lookup);

      const created = (await post(
        "/runs",
        {
          taskId: options.task,
          tier: options.tier,
          name: options.name,
          seed: options.seed,
          precision: options.precision,
          xAxis: storedXAxis(log.xAxis),
          format: log.format,
          ...scheduleBody,
        },
        // One key per upload: a retried create returns the same run instead of a second one.
        { "idempotency-key": `lrbench-upload-${randomUUID()}` },
      )) as { run: { id: string } };
      const runId = created.run.id;
      let sent = 0;
      for (const [seq, batch] of batchesOf(points).entries()) {
        await post(`/runs/${runId}/points`, { seq, points: batch });
        sent += batch.length;
        io.stderr(`\rsent ${sent.toLocaleString("en")} of ${points.length.toLocaleString("en")} points`);
      }
      io.stderr("\n");
      const finished = (await post(`/runs/${runId}/finish`, { status: "finished" })) as { run: { summary?: { accuracy?: { final?: number | null } } } };
      const final = finished.run.summary?.accuracy?.final;
      io.stderr(`${log.format} log uploaded as run ${runId}${typeof final === "number" ? `, final test accuracy ${(final * 100).toFixed(2)}%` : ""}\n`);
      if (model) {
        await uploadModel(model, { server, runId, authorization: headers.authorization, post, retry, log: io.stderr });
        await post(`/runs/${runId}/verify`, {});
        io.stderr(`model ${options.model} attached; a worker will verify it (the run page shows the verified accuracy)\n`);
      }
      io.stdout(`${server}/runs/${runId}\n`);
    });
}
