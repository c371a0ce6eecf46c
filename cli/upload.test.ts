import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));
// Retries wait real seconds otherwise.
vi.mock("node:timers/promises", () => ({ setTimeout: async () => undefined }));

import { setDbForTesting, type DbHandle } from "@/db";
import { readSeries } from "@/db/queries/runs";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { runs } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { testDatabases } from "../tests/helpers/databases";
import { routeFetch } from "../tests/helpers/route-fetch";
import { runCli } from "../tests/helpers/cli";

const SERVER = "http://lrbench.test";


describe.each(testDatabases)("lrbench upload on $name", ({ open }) => {
  let handle: DbHandle;
  let token: string;
  const dir = mkdtempSync(path.join(tmpdir(), "lrbench-upload-"));


  beforeAll(async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "100000";
    process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "100000";
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const user = await createUser(handle.db, { email: "upload@example.org" });
    token = (await createApiToken(handle.db, { userId: user.id, name: "ci", scopes: ["runs:write"] })).secret;
  });
  afterEach(() => vi.unstubAllGlobals());
  afterAll(async () => handle?.close());

  it("sends a long log in 10,000-point batches and survives lost answers without storing anything twice", async () => {
    // Steps: 4,000 of them fit the cifar10-wrn full tier's budget (200 epochs of 391 iterations), epochs would not.
    const lines = ["step,loss,val_accuracy,lr"];
    for (let epoch = 0; epoch < 4000; epoch++) lines.push(`${epoch},${(2 / (1 + epoch)).toFixed(6)},${Math.min(0.9, epoch / 4000).toFixed(6)},${epoch < 2000 ? 0.1 : 0.01}`);
    const file = path.join(dir, "long.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const schedule = path.join(dir, "schedule.json");
    writeFileSync(schedule, JSON.stringify({ kind: "multiStep", lr: 0.1, milestones: [2000], unit: "iteration" }));

    // Every request's first answer is lost (network error, 503 or 429), after the server stored it.
    vi.stubGlobal("fetch", routeFetch((pathname, attempt) => (attempt > 1 ? null : pathname.endsWith("/points") ? 503 : pathname.endsWith("/finish") ? 429 : "network")));
    const { code, stdout, stderr } = await runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "cifar10-wrn", "--tier", "full", "--seed", "7", "--schedule", schedule, "--precision", "bf16"]);
    expect(stderr).toMatch(/retrying/);
    expect(code).toBe(0);
    const runId = stdout.trim().split("/").pop()!;
    expect(stdout.trim()).toBe(`${SERVER}/runs/${runId}`);

    const [stored] = await handle.db.select().from(runs).where(eq(runs.id, runId));
    expect(stored).toMatchObject({ seed: 7, status: "finished", pointCount: 12_000, xAxis: "step", precision: "bf16", claimCheck: { status: "matches" } });
    // The schedule file is linked to a schedule (a new one, the uploader's), so the run can be ranked.
    expect(stored.scheduleId).not.toBeNull();
    expect(stored.scheduleDefinition).toMatchObject({ kind: "multiStep", milestones: [2000] });
    const series = await readSeries(handle.db, runId);
    expect(Object.keys(series).sort()).toEqual(["lr", "test_acc", "train_loss"]);
    expect(series.train_loss).toHaveLength(4000);
    expect((stored.summary as { decays: { x: number }[] }).decays.map((d) => d.x)).toEqual([2000]);
    const owned = await handle.db.select({ id: runs.id }).from(runs).where(eq(runs.seed, 7));
    expect(owned).toHaveLength(1);
  });

  it("gives up with the server's message on a refusal, and explains what is missing", async () => {
    const file = path.join(dir, "small.csv");
    writeFileSync(file, "epoch,loss\n0,1\n1,0.5\n");
    vi.stubGlobal("fetch", routeFetch(() => null));
    const refused = await runCli(["upload", file, "--server", SERVER, "--token", "lrb_wrong", "--task", "cifar10-wrn", "--tier", "full"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/401: The bearer token is not valid/);
    const badTask = await runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "mnist", "--tier", "full"]);
    expect(badTask.stderr).toMatch(/taskId 'mnist' is not a task/);
    const noToken = await runCli(["upload", file, "--server", SERVER, "--task", "cifar10-wrn", "--tier", "full"]);
    expect(noToken.stderr).toMatch(/pass --token or set LRBENCH_TOKEN/);
    const ragged = path.join(dir, "ragged.csv");
    writeFileSync(ragged, "epoch,loss\n0,1\n1\n");
    const bad = await runCli(["upload", ragged, "--server", SERVER, "--token", token, "--task", "cifar10-wrn", "--tier", "full"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 3/);
  });

  it("attaches --model for verification, refusing a file that is not ONNX and a model it cannot read before creating anything", async () => {
    const file = path.join(dir, "verified.csv");
    writeFileSync(file, "epoch,test_acc\n0,0.5\n1,0.6\n");
    vi.stubGlobal("fetch", routeFetch(() => null));
    const missing = await runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "ps10-noise", "--tier", "full", "--seed", "41", "--model", path.join(dir, "nope.onnx")]);
    expect(missing.stderr).toMatch(/cannot read .*nope\.onnx: no such file/);
    expect(await handle.db.select({ id: runs.id }).from(runs).where(eq(runs.seed, 41))).toHaveLength(0);
    const notOnnx = path.join(dir, "model.onnx");
    writeFileSync(notOnnx, "not a model");
    const refused = await runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "ps10-noise", "--tier", "full", "--seed", "42", "--model", notOnnx]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/PUT \/api\/v1\/runs\/[0-9a-f-]+\/model failed with 422: The file is not an acceptable ONNX model/);
  });

  it("uploads an MLflow run folder, and stores a samples axis as steps", async () => {
    vi.stubGlobal("fetch", routeFetch(() => null));
    const fixtures = (name: string) => fileURLToPath(new URL(`../lib/runlogs/fixtures/${name}`, import.meta.url));
    for (const [name, seed, format, xAxis] of [["mlflow-run", 51, "mlflow", "step"], ["mlperf-llama2-lora.log", 52, "mllog", "step"]] as const) {
      const { code, stderr } = await runCli(["upload", fixtures(name), "--server", SERVER, "--token", token, "--task", "cifar10-wrn", "--tier", "full", "--seed", String(seed)]);
      expect(stderr).toMatch(/uploaded as run/);
      expect(code).toBe(0);
      const [stored] = await handle.db.select().from(runs).where(eq(runs.seed, seed));
      expect(stored).toMatchObject({ format, xAxis, status: "finished" });
    }
  });

  it("requires --tier, since the tier decides the budget and the leaderboard, instead of guessing one", async () => {
    const file = path.join(dir, "untiered.csv");
    writeFileSync(file, "epoch,test_acc\n0,0.5\n1,0.6\n");
    vi.stubGlobal("fetch", routeFetch(() => null));
    const { code, stderr } = await runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "ps10-noise", "--seed", "61"]);
    // A usage error, as for every missing required option.
    expect(code).toBe(2);
    expect(stderr).toMatch(/required option '--tier <tier>' not specified/);
    expect(await handle.db.select({ id: runs.id }).from(runs).where(eq(runs.seed, 61))).toHaveLength(0);
  });

  it("says when --schedule is neither a schedule on the server nor a file, and takes a public schedule's exact name", async () => {
    const file = path.join(dir, "claimed.csv");
    writeFileSync(file, "epoch,test_acc\n0,0.5\n1,0.6\n");
    vi.stubGlobal("fetch", routeFetch(() => null));
    const upload = (schedule: string, seed: number) =>
      runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "ps10-noise", "--tier", "smoke", "--seed", String(seed), "--schedule", schedule]);
    const typo = await upload("cosine.jsn", 71);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/--schedule 'cosine.jsn' is neither a schedule on the server \(neither an id nor the name of a public schedule\) nor a file here/);
    const unknownId = await upload("00000000-0000-4000-8000-000000000000", 72);
    expect(unknownId.stderr).toMatch(/--schedule '00000000-0000-4000-8000-000000000000' is neither a schedule on the server \(no schedule with that id that this token can read\) nor a file here/);
    expect(await handle.db.select({ id: runs.id }).from(runs).where(eq(runs.seed, 71))).toHaveLength(0);
    expect(await handle.db.select({ id: runs.id }).from(runs).where(eq(runs.seed, 72))).toHaveLength(0);
    const byName = await upload("StepDecay · ps10-noise recipe", 73);
    expect(byName.stderr + byName.code).toMatch(/uploaded as run.*0$/s);
    const [stored] = await handle.db.select().from(runs).where(eq(runs.seed, 73));
    expect(stored.scheduleId).not.toBeNull();
  });

  it("stops after --retries attempts when the server stays away", async () => {
    const file = path.join(dir, "tiny.csv");
    writeFileSync(file, "epoch,loss\n0,1\n");
    vi.stubGlobal("fetch", routeFetch(() => "network"));
    const { code, stderr } = await runCli(["upload", file, "--server", SERVER, "--token", token, "--task", "cifar10-wrn", "--tier", "full", "--retries", "3"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/giving up after 3 attempts: cannot reach http:\/\/lrbench.test/);
  });
});
