import { describe, expect, it } from "vitest";
import { parseRunLog } from "./parse";
import { RunLogParseError } from "./errors";
import { toPercentFraction } from "./percent";

describe("toPercentFraction", () => {
  it("keeps fractions", () => {
    expect(toPercentFraction([0.1, 0.5, 1])).toEqual({ ok: true, percent: false, values: [0.1, 0.5, 1] });
  });

  it("divides percent by 100 without binary noise", () => {
    expect(toPercentFraction([35.2, 48.9, 93.1])).toEqual({ ok: true, percent: true, values: [0.352, 0.489, 0.931] });
  });

  it("accepts a rise from below 1 % (values < 1 only before the first value > 1)", () => {
    expect(toPercentFraction([0.5, 0.9, 5, 60])).toEqual({ ok: true, percent: true, values: [0.005, 0.009, 0.05, 0.6] });
  });

  it("rejects a value below 1 after a percent value", () => {
    expect(toPercentFraction([0.5, 60, 0.7])).toEqual({ ok: false, reason: "mixed", index: 2, percentIndex: 1 });
  });

  it("treats zeros and non-finite values as neutral and keeps them", () => {
    const verdict = toPercentFraction([0, 50, NaN, 0, 80, Infinity]);
    expect(verdict).toEqual({ ok: true, percent: true, values: [0, 0.5, NaN, 0, 0.8, Infinity] });
  });

  it("rejects values that are neither", () => {
    expect(toPercentFraction([0.5, 150])).toEqual({ ok: false, reason: "out-of-range", index: 1 });
    expect(toPercentFraction([-0.1])).toEqual({ ok: false, reason: "out-of-range", index: 0 });
  });

  it("divides formats that are percent by definition even when every value is <= 1", () => {
    expect(toPercentFraction([0.5, 0.9], { alwaysPercent: true })).toEqual({ ok: true, percent: true, values: [0.005, 0.009] });
  });
});

describe("percent rules inside parseRunLog", () => {
  it("judges the order by x, not by file order", () => {
    // Rows out of order: sorted by epoch it is 0.5, 20, 60, a steady rise.
    const log = parseRunLog("epoch,val_acc\n3,60\n1,0.5\n2,20\n");
    expect(log.series.test_acc).toEqual([
      [1, 0.005],
      [2, 0.2],
      [3, 0.6],
    ]);
  });

  it("names the metric and the row of a mixed series", () => {
    let error: unknown;
    try {
      parseRunLog("epoch,train_loss,val_acc\n1,2,0.5\n2,1.5,60\n3,1.2,0.7\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunLogParseError);
    expect((error as RunLogParseError).message).toBe(
      "csv: line 4, column 'val_acc': mixes percent and fraction values (60 at line 3, then 0.7)",
    );
    expect((error as RunLogParseError).line).toBe(4);
    expect((error as RunLogParseError).column).toBe("val_acc");
  });

  it("does not touch losses above 1", () => {
    expect(parseRunLog("epoch,loss\n0,2.5\n").series.train_loss).toEqual([[0, 2.5]]);
  });

  it("rejects an accuracy above 100", () => {
    expect(() => parseRunLog("epoch,val_acc\n0,150\n")).toThrow("csv: line 2, column 'val_acc': accuracy 150 is neither a fraction nor a percentage");
  });
});
