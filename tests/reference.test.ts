import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db";
import { analysisRuns } from "@/db/queries/analyses";
import { createRun, finishRun, insertPoints, readSeries } from "@/db/queries/runs";
import { exportReferenceBundle, importReferenceBundle, REFERENCE_DIR } from "@/db/reference";
import { runs, schedules, runSeriesPreviews } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { BASELINE_SCHEDULES } from "@/lib/baselines";
import { parseReferenceBundle, type ReferenceBundle, type ReferenceRun } from "@/lib/reference/bundle";
import { currentTaskVersion } from "@/lib/tasks/catalog";
import { testDatabases } from "./helpers/databases";

const stepDecaySmoke = BASELINE_SCHEDULES.find((b) => b.name === "StepDecay · ps10-noise recipe")!;
const epochs = (f: (x: number) => number | null): [number, number | null][] => Array.from({ length: 6 }, (_, x) => [x, f(x)]);

const referenceRun = (id: string, seed: number, definition: Record<string, unknown>, name = "StepDecay (as exported)"): ReferenceRun => ({
  id,
  task: "ps10-noise",
  tier: "smoke",
  taskVersion: currentTaskVersion("ps10-noise"),
  schedule: { name, definition },
  seed,
  engine: "torch",
  backend: "cuda",
  device: "NVIDIA H200",
  hardware: { precision: "fp32" },
  xAxis: "epoch",
  series: {
    lr: epochs((x) => (x < 3 ? 0.1 : 0.01)),
    train_acc_simple: epochs(() => 0.9),
    train_acc_complex: epochs((x) => (x < 3 ? 0.3 : 0.8 + 0.01 * seed)),
    train_acc_noise: epochs((x) => (x === 5 ? null : 0.2)),
    test_acc: epochs(() => 0.7),
  },
  events: [{ x: 3, type: "decay", data: { from: 0.1, to: 0.01 } }],
  summary: { accuracy: { final: 0.7, best: 0.7, bestX: 0 }, epochs: 6 },
});

const bundle = (runList: ReferenceRun[]): ReferenceBundle => ({
  format: "lrbench-reference/1",
  metadata: { gpuLent: true, engine: "torch cuda", hardware: "NVIDIA H200", precision: "fp32", commit: "abc123", date: "2026-12-02", note: "test" },
  runs: runList,
});

describe("the shipped bundle", () => {
  it("parses, and says it is empty because no GPU was lent", () => {
    const file = path.join(REFERENCE_DIR, "ps10-noise-short.json");
    const shipped = parseReferenceBundle(readFileSync(file, "utf8"), file);
    expect(shipped.runs).toEqual([]);
    expect(shipped.metadata).toMatchObject({ gpuLent: false, note: expect.stringContaining("no GPU was lent") });
  });

  it("names the file and field of a bad bundle", () => {
    expect(() => parseReferenceBundle("{", "x.json")).toThrow(/^x\.json: not JSON/);
    expect(() => parseReferenceBundle(JSON.stringify({ ...bundle([]), format: "other" }), "y.json")).toThrow(/^y\.json: format:/);
  });
});

describe.each(testDatabases)("reference bundles on $name", ({ open }) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await open();
    await seedDb(handle.db);
  });
  afterAll(async () => handle?.close());

  it("imports runs as reference replays on the schedule with their definition, once", async () => {
    const ids = ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"];
    const first = bundle([referenceRun(ids[0], 0, stepDecaySmoke.definition), referenceRun(ids[1], 1, stepDecaySmoke.definition)]);
    expect(await importReferenceBundle(handle.db, first, "t.json")).toBe(2);
    expect(await importReferenceBundle(handle.db, first, "t.json")).toBe(0);

    const stored = await handle.db.select().from(runs).where(eq(runs.id, ids[0]));
    expect(stored[0]).toMatchObject({ source: "reference", status: "finished", seed: 0, engine: "torch", device: "NVIDIA H200", visibility: "public" });
    expect(stored[0].hardware).toMatchObject({ precision: "fp32", bundle: { file: "t.json", commit: "abc123" } });
    const [schedule] = await handle.db.select().from(schedules).where(eq(schedules.id, stored[0].scheduleId!));
    // Found by its definition, not the bundle's name for it.
    expect(schedule).toMatchObject({ name: stepDecaySmoke.name, isBaseline: true });
    const series = await readSeries(handle.db, ids[0]);
    expect(series.train_acc_noise.at(-1)![1]).toBeNaN();
    expect(await handle.db.select().from(runSeriesPreviews).where(eq(runSeriesPreviews.runId, ids[0]))).toHaveLength(5);

    // The analyses read them like any counted run, decays included.
    const analysed = await analysisRuns(handle.db, { taskId: "ps10-noise", tier: "smoke" }, { names: ["train_acc_complex", "lr"], signature: ["train_acc_complex"] });
    expect(analysed.map((r) => [r.scheduleName, r.seed, r.events.map((e) => e.x)])).toEqual([[stepDecaySmoke.name, 0, [3]], [stepDecaySmoke.name, 1, [3]]]);
    // Not this database's replays: verified-only leaves them out.
    expect(await analysisRuns(handle.db, { taskId: "ps10-noise", tier: "smoke", verifiedOnly: true }, { names: ["lr"], signature: ["train_acc_complex"] })).toEqual([]);
  });

  it("gives a definition no schedule has its own public schedule, and stores nothing of a bad bundle", async () => {
    const id = "00000000-0000-4000-8000-000000000003";
    await importReferenceBundle(handle.db, bundle([referenceRun(id, 0, { kind: "constant", lr: 0.0123 }, "Constant 0.0123 (control)")]));
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, id));
    const [schedule] = await handle.db.select().from(schedules).where(eq(schedules.id, run.scheduleId!));
    expect(schedule).toMatchObject({ name: "Constant 0.0123 (control)", kind: "constant", visibility: "public", isBaseline: false });

    const bad = bundle([referenceRun("00000000-0000-4000-8000-000000000004", 0, stepDecaySmoke.definition), { ...referenceRun("00000000-0000-4000-8000-000000000005", 1, {}), task: "mnist" }]);
    await expect(importReferenceBundle(handle.db, bad, "bad.json")).rejects.toThrow(/bad\.json: runs\[1\]: task "mnist"/);
    expect(await handle.db.select().from(runs).where(eq(runs.id, "00000000-0000-4000-8000-000000000004"))).toEqual([]);
  });

  it("exports this database's finished replays with every point, and the seed imports a folder of bundles", async () => {
    const [baseline] = await handle.db.select().from(schedules).where(eq(schedules.name, stepDecaySmoke.name));
    const run = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", scheduleId: baseline.id, seed: 7, source: "replayed", xAxis: "epoch", engine: "torch", device: "cuda:0" });
    await insertPoints(handle.db, run.id, [{ name: "test_acc", x: 0, value: 0.5 }, { name: "test_acc", x: 1, value: Number.NaN }]);
    await finishRun(handle.db, run.id, { status: "finished", summary: { epochs: 2 }, events: [{ x: 1, type: "divergence", data: {} }] });

    const exported = await exportReferenceBundle(handle.db, { taskId: "ps10-noise", tier: "smoke", scheduleNames: [stepDecaySmoke.name], commit: "def456", date: "2026-12-03" });
    // Reference runs already here are not re-exported as this database's own.
    expect(exported.runs.map((r) => r.id)).toEqual([run.id]);
    expect(exported.runs[0]).toMatchObject({ seed: 7, series: { test_acc: [[0, 0.5], [1, null]] }, events: [{ x: 1, type: "divergence" }], summary: { epochs: 2 } });
    expect(exported.metadata).toMatchObject({ gpuLent: true, commit: "def456", hardware: "cuda:0" });
    const text = JSON.stringify(exported);
    expect(parseReferenceBundle(text, "roundtrip.json").runs).toHaveLength(1);

    // Into a fresh folder under a new id, as another database would see it, then seeded twice.
    const dir = mkdtempSync(path.join(tmpdir(), "lrbench-reference-"));
    const moved = { ...exported, runs: exported.runs.map((r) => ({ ...r, id: "00000000-0000-4000-8000-000000000009" })) };
    writeFileSync(path.join(dir, "a.json"), JSON.stringify(moved));
    await seedDb(handle.db, dir);
    await seedDb(handle.db, dir);
    const imported = await handle.db.select().from(runs).where(eq(runs.id, "00000000-0000-4000-8000-000000000009"));
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ source: "reference", seed: 7 });
  });
});
