/** The data fix that made summary.epochs count epochs, run again over runs stored the old way. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db";
import { createRun, insertPoints } from "@/db/queries/runs";
import { runs } from "@/db/schema";
import { seedDb } from "@/db/seed";
import { testDatabases } from "./helpers/databases";

const MARKER = "-- summary.epochs was the last x";
const folder = path.join(__dirname, "../db/migrations");
const fix = readdirSync(folder)
  .filter((name) => name.endsWith(".sql"))
  .map((name) => readFileSync(path.join(folder, name), "utf8"))
  .find((text) => text.includes(MARKER))!;
const statement = fix.slice(fix.indexOf(MARKER));

describe.each(testDatabases)("epochs migration on $name", ({ open }) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await open();
    await seedDb(handle.db);
  });
  afterAll(async () => handle?.close());

  async function oldRun(xs: number[], xAxis: "epoch" | "step" = "epoch") {
    const run = await createRun(handle.db, { ownerId: null, taskId: "ps10-noise", tier: "smoke", source: "uploaded", xAxis });
    await insertPoints(handle.db, run.id, xs.map((x) => ({ name: "test_acc", x, value: 0.5 })));
    // The summary as it was stored before: epochs = the last x.
    await handle.db.update(runs).set({ status: "finished", summary: { epochs: xAxis === "epoch" ? xs.at(-1)! : null, lastX: xs.at(-1)! } }).where(eq(runs.id, run.id));
    return run.id;
  }

  it("adds one to 0-based runs, keeps 1-based ones, and leaves step runs alone", async () => {
    const zeroBased = await oldRun(Array.from({ length: 30 }, (_, i) => i));
    const oneBased = await oldRun(Array.from({ length: 30 }, (_, i) => i + 1));
    const halves = await oldRun(Array.from({ length: 20 }, (_, i) => (i + 1) / 2));
    const steps = await oldRun([0, 100, 200], "step");
    await handle.db.execute(sql.raw(statement));
    const epochsOf = async (id: string) => (await handle.db.select({ used: runs.epochsUsed, summary: runs.summary }).from(runs).where(eq(runs.id, id)))[0];
    expect(await epochsOf(zeroBased)).toMatchObject({ used: 30, summary: { epochs: 30, firstX: 0 } });
    expect(await epochsOf(oneBased)).toMatchObject({ used: 30, summary: { epochs: 30, firstX: 1 } });
    expect(await epochsOf(halves)).toMatchObject({ used: 10, summary: { epochs: 10, firstX: 0.5 } });
    expect(await epochsOf(steps)).toMatchObject({ used: null, summary: { epochs: null } });
  });
});
