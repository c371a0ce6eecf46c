import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASELINE_SCHEDULES } from "../lib/baselines";
import { parseDefinition } from "../lib/schedules";
import { TASKS } from "../lib/tasks/catalog";
import { serverlessTestDatabases } from "../tests/helpers/databases";
import type { DbHandle } from "./client";
import { countPublicSchedules, createSchedule, getScheduleById, listPublicSchedules } from "./queries/schedules";
import { getTask, listTasks } from "./queries/tasks";
import { schedules as schedulesTable, runs } from "./schema";
import { seedDb } from "./seed";

function definition(input: unknown) {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

describe.each(serverlessTestDatabases)("database on $name", ({ open }) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await open();
    await seedDb(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("seeds the four standard tasks with their tiers", async () => {
    const tasks = await listTasks(handle.db);
    expect(tasks.map((t) => t.id)).toEqual(["cifar10-wrn", "fashion-mnist", "imagenet-subset-transfer", "ps10-noise"]);
    const ps10 = await getTask(handle.db, "ps10-noise");
    expect(ps10?.tiers.map((t) => t.tier)).toEqual(["smoke", "short", "full"]);
    expect(ps10?.definition.metrics.length).toBe(TASKS.find((t) => t.id === "ps10-noise")!.metrics.length);
  });

  it("seeds every baseline once, valid, and seeding again (even concurrently) adds nothing", async () => {
    await Promise.all([seedDb(handle.db), seedDb(handle.db)]);
    const schedules = await listPublicSchedules(handle.db);
    const baselines = schedules.filter((s) => s.isBaseline);
    expect(baselines.map((s) => s.name).sort()).toEqual(BASELINE_SCHEDULES.map((b) => b.name).sort());
    for (const schedule of baselines) expect(parseDefinition(schedule.definition).ok).toBe(true);
    const kinds = new Set(baselines.map((s) => s.kind));
    for (const kind of ["multiStep", "autoDecay", "cosine", "warmRestarts", "cyclic", "oneCycle", "rangeTest"]) {
      expect(kinds).toContain(kind);
    }
    expect(baselines.filter((s) => s.kind === "multiStep").map((s) => s.taskId)).toEqual(
      expect.arrayContaining(TASKS.map((t) => t.id)),
    );
    // One StepDecay per task (its recipe) and one generic, not one per tier.
    expect(baselines.filter((s) => s.name.startsWith("StepDecay")).map((s) => s.taskId ?? "generic").sort()).toEqual(
      ["generic", ...TASKS.map((t) => t.id)].sort(),
    );
  });

  it("retires the old per-tier and 200-epoch baselines: deleted when unused, kept unlisted for their runs", async () => {
    const old = (name: string, input: unknown, taskId: string | null = null) =>
      handle.db
        .insert(schedulesTable)
        .values({ name, kind: definition(input).kind, definition: definition(input), isBaseline: true, taskId, visibility: "public" })
        .returning()
        .then(([row]) => row);
    const unused = await old("Cosine annealing (200 epochs)", { kind: "cosine", lr: 0.1, tMax: 200 });
    const replayed = await old("StepDecay · ps10-noise · smoke", { kind: "multiStep", lr: 0.1, milestones: [15, 25] }, "ps10-noise");
    const sameName = await old("AutoDecay", { kind: "autoDecay", lr: 0.1 });
    const [run] = await handle.db
      .insert(runs)
      .values({ taskId: "ps10-noise", tier: "smoke", scheduleId: replayed.id, scheduleDefinition: replayed.definition, seed: 0, source: "replayed", status: "finished" })
      .returning();

    await seedDb(handle.db);
    await seedDb(handle.db);

    expect(await getScheduleById(handle.db, unused.id)).toBeNull();
    expect(await getScheduleById(handle.db, sameName.id)).toBeNull();
    const kept = await getScheduleById(handle.db, replayed.id);
    expect(kept).toMatchObject({ isBaseline: false, visibility: "unlisted", name: "StepDecay · ps10-noise · smoke (superseded)" });
    const [runAfter] = await handle.db.select().from(runs).where(eq(runs.id, run.id));
    expect(runAfter.scheduleDefinition).toMatchObject({ milestones: [15, 25] });

    const gallery = await listPublicSchedules(handle.db);
    expect(gallery.map((s) => s.id)).not.toContain(replayed.id);
    const baselines = gallery.filter((s) => s.isBaseline);
    expect(baselines.map((s) => s.name).sort()).toEqual(BASELINE_SCHEDULES.map((b) => b.name).sort());
    expect(baselines.find((s) => s.name === "AutoDecay")?.definition).toMatchObject({ unit: "iteration", observeEvery: "1%" });
  });

  it("stores a schedule and reads it back; private ones stay out of the public gallery", async () => {
    const before = await countPublicSchedules(handle.db);
    const created = await createSchedule(handle.db, {
      name: "Mine <b>bold</b>",
      definition: definition({ kind: "step", lr: 0.05, stepSize: 10 }),
      visibility: "public",
    });
    expect(await countPublicSchedules(handle.db)).toBe(before + 1);
    const read = await getScheduleById(handle.db, created.id);
    expect(read?.name).toBe("Mine <b>bold</b>");
    expect(read?.definition).toMatchObject({ kind: "step", lr: 0.05, stepSize: 10, gamma: 0.1, unit: "epoch" });

    const hidden = await createSchedule(handle.db, {
      name: "Secret",
      definition: definition({ kind: "constant", lr: 0.01 }),
      visibility: "private",
    });
    expect((await getScheduleById(handle.db, hidden.id))?.visibility).toBe("private");
    expect((await listPublicSchedules(handle.db)).map((s) => s.id)).not.toContain(hidden.id);
    expect(await countPublicSchedules(handle.db)).toBe(before + 1);
  });

  it("answers null for ids that are not UUIDs or do not exist", async () => {
    expect(await getScheduleById(handle.db, "not-a-uuid")).toBeNull();
    expect(await getScheduleById(handle.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
