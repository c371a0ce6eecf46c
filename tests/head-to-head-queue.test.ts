import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let sessionToken: string | undefined;
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && sessionToken ? { value: sessionToken } : undefined) }),
  // Forms spend the write budget of the client's address (app/_lib/write-limits.ts).
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { queueMissingSeedsAction } from "@/app/head-to-head/actions";
import { setDbForTesting, type DbHandle } from "@/db";
import { listJobs } from "@/db/queries/jobs";
import { createSchedule } from "@/db/queries/schedules";
import { createSession } from "@/db/queries/sessions";
import { createUser } from "@/db/queries/users";
import { seedDb } from "@/db/seed";
import { parseDefinition } from "@/lib/schedules";
import { testDatabases } from "./helpers/databases";

describe.each(testDatabases)("queueing a head-to-head's missing seeds on $name", ({ open }) => {
  let handle: DbHandle;
  let scheduleId: string;
  const tokens: Record<"owner" | "other" | "admin", string> = { owner: "", other: "", admin: "" };

  const queue = async (who: keyof typeof tokens | null, seeds = "1,2") => {
    sessionToken = who ? tokens[who] : undefined;
    const form = new FormData();
    for (const [key, value] of Object.entries({ scheduleId, taskId: "ps10-noise", tier: "smoke", seeds })) form.set(key, value);
    return queueMissingSeedsAction({}, form);
  };

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    for (const [who, role] of [["owner", "researcher"], ["other", "researcher"], ["admin", "admin"]] as const) {
      const user = await createUser(handle.db, { email: `${who}@example.org`, role });
      tokens[who] = `session-${who}-${"x".repeat(20)}`;
      await createSession(handle.db, { sessionToken: tokens[who], userId: user.id, expires: new Date(Date.now() + 86_400_000) });
      if (who === "owner") {
        const parsed = parseDefinition({ kind: "constant", lr: 0.1 });
        if (!parsed.ok) throw new Error("bad fixture");
        scheduleId = (await createSchedule(handle.db, { name: "Mine", definition: parsed.definition, visibility: "public", ownerId: user.id })).id;
      }
    }
  });
  afterAll(async () => handle?.close());

  it("lets the schedule's owner and an admin queue seeds, and nobody else", async () => {
    expect(await queue(null)).toEqual({ formError: "Sign in first: this needs an account." });
    expect(await queue("other")).toEqual({ formError: "You are not allowed to do this." });
    expect((await listJobs(handle.db, { kind: "admin" }, { scheduleId })).length).toBe(0);
    expect(await queue("owner")).toMatchObject({ message: expect.stringMatching(/^Queued 2 replays of Mine: seeds 1, 2\./) });
    expect(await queue("admin", "3")).toMatchObject({ message: expect.stringMatching(/^Queued 1 replay of Mine: seeds 3\./) });
    expect((await listJobs(handle.db, { kind: "admin" }, { scheduleId })).map((j) => j.seed).sort()).toEqual([1, 2, 3]);
  });

  it("names a bad seed list", async () => {
    const state = await queue("owner", "1,1");
    expect(state.errors?.[0].message).toBe("seeds must not repeat");
  });
});
