/**
 * Budget-relative schedules meet a budget where the platform first knows one: a replay submitted for a
 * task and tier, and an upload for one. One that cannot resolve there is refused at once, naming the
 * field and the budget, instead of becoming a job that fails on the worker.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import { submitJobsAs } from "@/app/_lib/operations/jobs";
import { createRunAs } from "@/app/_lib/operations/runs";
import { setDbForTesting, type DbHandle } from "@/db";
import { getRun } from "@/db/queries/runs";
import { createSchedule } from "@/db/queries/schedules";
import { createUser } from "@/db/queries/users";
import { seedDb } from "@/db/seed";
import type { Actor } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import { parseDefinition, type ScheduleDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

function definition(input: unknown): ScheduleDefinition {
  const parsed = parseDefinition(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

// ps10-noise smoke: 30 epochs of ceil(5000 / 32) = 157 iterations; cifar10-wrn smoke: 10 epochs.
const collapsing = { kind: "multiStep", lr: 0.1, gamma: 0.1, milestones: ["50%", "53%"] };

describe.each(testDatabases)("budget-relative schedules on $name", ({ open }) => {
  let handle: DbHandle;
  let actor: Actor;
  let ownerId: string;

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    ownerId = (await createUser(handle.db, { email: "budget@example.org" })).id;
    actor = { kind: "session", userId: ownerId, role: "researcher" };
  });
  afterAll(async () => handle?.close());

  const scheduleOf = (input: unknown) =>
    createSchedule(handle.db, { name: "relative", definition: definition(input), visibility: "public", ownerId });

  it("refuses a replay on a tier whose budget breaks the schedule's rules, naming the field and the budget", async () => {
    const schedule = await scheduleOf(collapsing);
    // 50% and 53% of 10 epochs are both epoch 5; of 30 epochs they are 15 and 16.
    const error = await refusal(submitJobsAs(handle.db, actor, { scheduleId: schedule.id, taskId: "cifar10-wrn", tier: "smoke", seeds: [0] }));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/milestones\[1\] must be greater than milestones\[0\].*10 epochs/);
    const jobs = await submitJobsAs(handle.db, actor, { scheduleId: schedule.id, taskId: "ps10-noise", tier: "smoke", seeds: [0] });
    expect(jobs).toHaveLength(1);
  });

  it("resolves an iteration-unit schedule at submission with the catalog's iterations per epoch", async () => {
    // 0.001% of 30 x 157 = 4,710 iterations rounds to 0: a sequence milestone must be >= 1.
    const schedule = await scheduleOf({
      kind: "sequence",
      unit: "iteration",
      milestones: ["0.001%"],
      schedules: [{ kind: "constant", lr: 0.01 }, { kind: "constant", lr: 0.1 }],
    });
    const error = await refusal(submitJobsAs(handle.db, actor, { scheduleId: schedule.id, taskId: "ps10-noise", tier: "smoke", seeds: [0] }));
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/milestones\[0\].*4,710 iterations/);
  });

  it("stores an upload's budget-relative schedule resolved for its task and tier", async () => {
    const created = await createRunAs(
      handle.db,
      actor,
      { taskId: "ps10-noise", tier: "smoke", xAxis: "epoch", schedule: { kind: "multiStep", lr: 0.1, gamma: 0.1, milestones: ["50%", "75%"] } },
      null,
    );
    const run = await getRun(handle.db, (created.body as { run: { id: string } }).run.id);
    expect(run?.scheduleDefinition).toMatchObject({ milestones: ["50%", "75%"] });
    expect(run?.resolvedDefinition).toMatchObject({ milestones: [15, 23] });
  });

  it("refuses an upload whose schedule cannot resolve for its tier", async () => {
    const error = await refusal(
      createRunAs(handle.db, actor, { taskId: "cifar10-wrn", tier: "smoke", xAxis: "epoch", schedule: collapsing }, null),
    );
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/milestones\[1\].*10 epochs/);
  });
});
