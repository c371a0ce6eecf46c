import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setDbForTesting, type DbHandle } from "@/db";
import { hitRateLimit } from "@/db/queries/rate-limits";
import { testDatabases } from "./helpers/databases";

const MINUTE_START = Date.parse("2030-01-01T00:01:00.000Z");

async function hits(handle: DbHandle, key: string, count: number, limit: number) {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await hitRateLimit(handle.db, key, limit, 60));
  return results;
}

describe.each(testDatabases)("the write rate limiter on $name", ({ open }) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => handle?.close());

  it("lets no more than the limit through in any 60 s, across a minute boundary too", async () => {
    // Only Date is faked: the database drivers keep their real timers.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(MINUTE_START - 1500);
    const before = await hits(handle, "boundary", 60, 120);
    vi.setSystemTime(MINUTE_START - 500);
    before.push(...(await hits(handle, "boundary", 60, 120)));
    expect(before.every((r) => r.allowed)).toBe(true);
    vi.setSystemTime(MINUTE_START + 1500);
    const after = await hits(handle, "boundary", 10, 120);
    expect(after.filter((r) => r.allowed)).toHaveLength(0);
    // The refusal says when the oldest write leaves the window: about 57 s later.
    expect(after[0].retryAfter).toBeGreaterThanOrEqual(57);
    expect(after[0].retryAfter).toBeLessThanOrEqual(58);
    // Once the first 60 writes are 60 s old, room opens for 60 more, and no more.
    vi.setSystemTime(MINUTE_START + 58_600);
    const later = await hits(handle, "boundary", 61, 120);
    expect(later.filter((r) => r.allowed)).toHaveLength(60);
    expect(later[60].allowed).toBe(false);
  });

  it("refused writes do not count, and other keys are independent", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(MINUTE_START);
    expect((await hits(handle, "a", 5, 2)).map((r) => r.allowed)).toEqual([true, true, false, false, false]);
    expect((await hits(handle, "b", 1, 2))[0].allowed).toBe(true);
    vi.setSystemTime(MINUTE_START + 60_001);
    expect((await hits(handle, "a", 3, 2)).map((r) => r.allowed)).toEqual([true, true, false]);
  });

  it("holds under concurrent writes: exactly the limit of 40 simultaneous writes gets through", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(handle.db, "concurrent", 15, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(15);
  });
});
