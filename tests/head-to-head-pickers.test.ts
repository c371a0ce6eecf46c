import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDbForTesting, type DbHandle } from "@/db";
import { schedulesWithResults } from "@/db/queries/head-to-head";
import { profileCoverage } from "@/db/queries/profiles";
import { createRun, finishRun } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { createUser } from "@/db/queries/users";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

const definition = () => {
  const parsed = parseDefinition({ kind: "constant", lr: 0.1 });
  if (!parsed.ok) throw new Error("bad fixture");
  return parsed.definition;
};

describe.each(testDatabases)("head-to-head pickers and profile coverage on $name", ({ open }) => {
  let handle: DbHandle;

  async function finished(scheduleId: string | null, options: { tier?: string; visibility?: "public" | "private"; final?: number | null; ownerId?: string | null } = {}) {
    const run = await createRun(handle.db, {
      ownerId: options.ownerId ?? null,
      taskId: "ps10-noise",
      tier: options.tier ?? "smoke",
      scheduleId,
      seed: 0,
      source: "replayed",
      xAxis: "epoch",
      visibility: options.visibility ?? "public",
    });
    const final = options.final === undefined ? 0.5 : options.final;
    await finishRun(handle.db, run.id, { status: "finished", events: [], summary: final === null ? {} : { accuracy: { final, best: final, bestX: 1 } } });
  }

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const owner = await createUser(handle.db, { email: "owner@example.org" });
    const schedule = async (name: string, visibility: "public" | "unlisted" | "private" = "public") =>
      (await createSchedule(handle.db, { name, definition: definition(), visibility, ownerId: owner.id })).id;
    await finished(await schedule("Ran smoke"));
    await finished(await schedule("Ran full"), { tier: "full" });
    await schedule("Never ran");
    await finished(await schedule("Unlisted schedule", "unlisted"));
    await finished(await schedule("Only a private run"), { visibility: "private", ownerId: owner.id });
    await finished(await schedule("No accuracy"), { final: null });
    await finished(null);
  });
  afterAll(async () => handle?.close());

  it("lists only public schedules with public finished results on the task and tier", async () => {
    const names = (await schedulesWithResults(handle.db, "ps10-noise", "smoke")).map((s) => s.name);
    expect(names).toEqual(["Ran smoke"]);
    expect((await schedulesWithResults(handle.db, "ps10-noise", "full")).map((s) => s.name)).toEqual(["Ran full"]);
  });

  it("counts the finished public runs each profile condition leaves out", async () => {
    const all = await profileCoverage(handle.db);
    // The unlisted schedule's run and the private run are not listed for everyone; four remain.
    expect(all).toEqual({ finished: 4, withoutSchedule: 1, withoutAccuracy: 1, perStep: 0, otherTier: 0, unverified: 0 });
    expect((await profileCoverage(handle.db, { tier: "full" })).otherTier).toBe(3);
  });
});
