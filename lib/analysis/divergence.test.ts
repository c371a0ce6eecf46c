import { describe, expect, it } from "vitest";
import { describeDivergence, detectDivergence } from "./divergence";
import type { Point } from "./series";

const series = (ys: number[]): Point[] => ys.map((y, i) => [i + 1, y]);

describe("detectDivergence", () => {
  it("flags the first non-finite loss", () => {
    const d = detectDivergence({ train_loss: series([2.3, 1.5, NaN, NaN]), test_acc: series([0.1, 0.2, NaN, NaN]) });
    expect(d).toEqual({ x: 3, series: "train_loss", reason: "non-finite loss" });
    expect(describeDivergence(d!, "epoch")).toBe("diverged at epoch 3 (train_loss: non-finite loss)");
  });

  it("reads the training loss only: a test loss that rises (overfitting) or blows up first is not divergence", () => {
    const d = detectDivergence({
      train_loss: series([2.3, 1.5, NaN]),
      test_loss: series([2.3, Infinity, NaN]),
      aux_loss_simple: series([2.3, 20, 1.9]),
    });
    expect(d).toEqual({ x: 3, series: "train_loss", reason: "non-finite loss" });
    expect(detectDivergence({ train_loss: series([2.3, 1, 0.5, 0.2]), test_loss: series([2.3, 0.5, 2.5, 9]) })).toBeNull();
  });

  it("flags a loss above 4x its running minimum", () => {
    const d = detectDivergence({ train_loss: series([2.3, 1.0, 0.5, 0.6, 2.15, 9]) });
    expect(d).toEqual({ x: 5, series: "train_loss", reason: "loss 4.3x its running minimum" });
    expect(describeDivergence(d!, "step")).toBe("diverged at step 5 (train_loss: loss 4.3x its running minimum)");
  });

  it("does not flag exactly 4x, nor an ordinary noisy descent", () => {
    expect(detectDivergence({ train_loss: series([1, 0.5, 2.0]) })).toBeNull();
    expect(detectDivergence({ train_loss: series([2.3, 1.2, 0.8, 0.9, 0.5, 0.55]), test_loss: series([2.3, 1.3, 1.4, 1.0]) })).toBeNull();
    expect(detectDivergence({})).toBeNull();
  });

  it("ignores non-finite values in series that are not losses", () => {
    expect(detectDivergence({ train_loss: series([2, 1]), test_acc: series([NaN, NaN]), lr: series([Infinity]) })).toBeNull();
  });

  it("floors the minimum at 5% of the first loss, so noise near 0 is not divergence", () => {
    // floor 0.115: 0.001 -> 0.01 stays under 4 x 0.115; 0.5 does not (0.5 / 0.115 = 4.35).
    expect(detectDivergence({ train_loss: series([2.3, 0.5, 0.001, 0.005, 0.01]) })).toBeNull();
    expect(detectDivergence({ train_loss: series([2.3, 0.5, 0.001, 0.005, 0.5]) })).toEqual({
      x: 5,
      series: "train_loss",
      reason: "loss 4.35x its running minimum",
    });
  });

  it("skips the ratio test while the minimum it would use is 0", () => {
    expect(detectDivergence({ train_loss: series([0, 0, 1]) })).toBeNull();
    // A first loss of 1 floors the minimum at 0.05 even after a 0.
    expect(detectDivergence({ train_loss: series([1, 0, 0.3]) })).toEqual({ x: 3, series: "train_loss", reason: "loss 6x its running minimum" });
  });
});
