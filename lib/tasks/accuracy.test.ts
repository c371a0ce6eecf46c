import { describe, expect, it } from "vitest";
import { accuracy, argmaxRows } from "./accuracy";

describe("accuracy", () => {
  it("counts matches over every sample or a masked subset, and is null when none counts", () => {
    expect(accuracy(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 0, 3, 0))).toBe(0.5);
    expect(accuracy(Int32Array.of(1, 2, 3, 4), Int32Array.of(1, 0, 3, 0), [true, false, false, true])).toBe(0.5);
    expect(accuracy(Int32Array.of(1), Int32Array.of(1), [false])).toBeNull();
    expect(accuracy(new Int32Array(0), new Int32Array(0))).toBeNull();
  });

  it("takes each row's first highest score", () => {
    expect([...argmaxRows(Float32Array.of(0.1, 0.9, 0.0, 2, 2, 1), 3)]).toEqual([1, 0]);
  });
});
