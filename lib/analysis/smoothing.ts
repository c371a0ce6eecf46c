import { isFiniteNumber, type Point } from "./series";

/**
 * TensorBoard's smoothing: an exponential moving average debiased for its zero start.
 *   acc_n = weight * acc_(n-1) + (1 - weight) * y_n,  acc_0 = 0
 *   smoothed_n = acc_n / (1 - weight^n)
 * where n counts finite values only. A non-finite y is passed through unchanged (so the chart can
 * still show where a run broke) and neither enters the average nor advances n, so one NaN does
 * not turn every later point into NaN. The output has the input's length and x values.
 * weight 0 returns the values as they are.
 */
export function smoothEma(points: Point[], weight: number): Point[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`weight must be in [0, 1), got ${weight}`);
  let acc = 0;
  let n = 0;
  return points.map(([x, y]): Point => {
    if (!isFiniteNumber(y)) return [x, y];
    acc = weight * acc + (1 - weight) * y;
    n += 1;
    return [x, acc / (1 - Math.pow(weight, n))];
  });
}
