import { describe, expect, it } from "vitest";
import { estimateRemaining, formatDuration } from "./timing";

describe("replay timing", () => {
  it("extrapolates the remaining epochs from the pace of those done", () => {
    expect(estimateRemaining(60, 10, 30)).toBe(120);
    expect(estimateRemaining(60, 0, 30)).toBeNull();
    expect(estimateRemaining(60, 30, 30)).toBeNull();
    expect(estimateRemaining(0, 3, 30)).toBeNull();
  });

  it("writes durations in the largest units that matter", () => {
    expect(formatDuration(42.4)).toBe("42 s");
    expect(formatDuration(185)).toBe("3 min 5 s");
    expect(formatDuration(120)).toBe("2 min");
    expect(formatDuration(4320)).toBe("1 h 12 min");
  });
});
