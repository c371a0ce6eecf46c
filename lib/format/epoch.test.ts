import { describe, expect, it } from "vitest";
import { formatEpoch } from "./epoch";

describe("formatEpoch", () => {
  it("keeps whole epochs and rounds mid-epoch decays to one decimal", () => {
    expect(formatEpoch(15)).toBe("15");
    expect(formatEpoch(9.579617834394904)).toBe("9.6");
    expect(formatEpoch(19.96)).toBe("20");
  });
});
