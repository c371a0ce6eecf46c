import { describe, expect, it } from "vitest";
import { formatRate } from "./rate";

describe("formatRate", () => {
  it("drops floating-point noise from computed rates", () => {
    expect(formatRate(0.1 * 0.1)).toBe("0.01");
    expect(formatRate(0.1 * 0.1 * 0.1)).toBe("0.001");
    expect(formatRate(0.3 * 3)).toBe("0.9");
  });

  it("keeps the digits people type and small rates in exponent form", () => {
    expect(formatRate(0.0003125)).toBe("0.0003125");
    expect(formatRate(3e-4)).toBe("0.0003");
    expect(formatRate(1e-7)).toBe("1e-7");
    expect(formatRate(0.1)).toBe("0.1");
    expect(formatRate(0)).toBe("0");
    expect(formatRate(0.123456789, 3)).toBe("0.123");
  });

  it("names the non-finite values", () => {
    expect(formatRate(Number.NaN)).toBe("NaN");
    expect(formatRate(Infinity)).toBe("∞");
    expect(formatRate(null)).toBe("–");
  });
});
