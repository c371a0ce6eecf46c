import { beforeEach, describe, expect, it, vi } from "vitest";

const revalidateTag = vi.fn();
const unstableCache = vi.fn((read: () => Promise<unknown>, _key: string[], _options: { tags: string[] }) => read);
vi.mock("next/cache", () => ({ revalidateTag, unstable_cache: unstableCache }));

const { cachedRead, runChanged, scheduleChanged } = await import("./page-cache");

describe("page cache", () => {
  beforeEach(() => {
    revalidateTag.mockReset();
    unstableCache.mockClear();
  });

  it("expires a finished run's board, the aggregates, its page and its schedule's at once", () => {
    runChanged({ id: "r1", taskId: "ps10-noise", tier: "smoke", scheduleId: "s1" });
    expect(revalidateTag.mock.calls).toEqual([
      ["leaderboard:ps10-noise:smoke", { expire: 0 }],
      ["results", { expire: 0 }],
      ["run:r1", { expire: 0 }],
      ["schedule:s1", { expire: 0 }],
    ]);
  });

  it("expires every board's schedule names when a schedule changes", () => {
    scheduleChanged("s2");
    expect(revalidateTag.mock.calls.map(([tag]) => tag)).toEqual(["schedule:s2", "schedules", "results"]);
  });

  it("does nothing outside a Next.js request, and passes any other failure on", () => {
    revalidateTag.mockImplementation(() => {
      throw new Error("Invariant: static generation store missing in revalidateTag leaderboard:x:y");
    });
    expect(() => runChanged({ id: "r1", taskId: "x", tier: "y", scheduleId: null })).not.toThrow();
    revalidateTag.mockImplementation(() => {
      throw new Error("Route /x used revalidateTag during render");
    });
    expect(() => scheduleChanged("s")).toThrow("during render");
  });

  it("keys a cached read by its name and arguments and tags it from them", async () => {
    const read = cachedRead("board", async (task: string, tier: string) => `${task}/${tier}`, (task, tier) => [`leaderboard:${task}:${tier}`]);
    expect(await read("cifar10-wrn", "short")).toBe("cifar10-wrn/short");
    expect(unstableCache.mock.calls[0][1]).toEqual(["board", JSON.stringify(["cifar10-wrn", "short"]), ""]);
    expect(unstableCache.mock.calls[0][2]).toEqual({ tags: ["leaderboard:cifar10-wrn:short"], revalidate: 60 });
  });
});
