/**
 * A range test as its own job shape (issue 13): exactly `steps` iterations at the schedule's growing
 * rates, whatever the tier's epochs, one (lr, loss) point per iteration on the run's step axis;
 * stopped early once the smoothed loss passes 4x its best (fastai's rule) and, like any run, ended
 * `diverged` by a loss or rate that is not finite.
 */
import { RANGE_TEST_STOP_FACTOR, RangeTestMonitor } from "../lib/analysis/range-test";
export { isRangeTestJob } from "../lib/analysis/range-test";
import type { MetricPointBody } from "../lib/api/runs";
import type { ScheduleEvent, Scheduler } from "../lib/schedules";
import { checkLoss, checkRate } from "./divergence";
import type { Engine } from "./engines/types";

const STOP = Symbol("range test done");

export interface RangeTestIo {
  add: (points: MetricPointBody[]) => void;
  /** Sends what is buffered (after each epoch of a long test). */
  flush: () => Promise<void>;
  checkAbort: () => void;
  onStep?: (step: number, steps: number, loss: number) => void;
}

/** Trains until `steps` iterations are done or the stop rule fires; the events say where and why it stopped early. */
export async function runRangeTest(engine: Engine, scheduler: Scheduler, steps: number, io: RangeTestIo): Promise<ScheduleEvent[]> {
  const monitor = new RangeTestMonitor();
  const events: ScheduleEvent[] = [];
  let step = 0;
  for (let epoch = 0; ; epoch++) {
    const lrs: number[] = [];
    let reported = 0;
    const record = (iteration: number, loss: number) => {
      const lr = lrs[iteration];
      checkLoss(loss, lr, { epoch, iteration });
      const { smoothed, stop } = monitor.push(loss);
      io.add([
        { name: "lr", x: step, value: lr },
        { name: "train_loss", x: step, value: loss },
        { name: "train_loss_smoothed", x: step, value: smoothed },
      ]);
      io.onStep?.(step + 1, steps, loss);
      scheduler.advance();
      step += 1;
      if (stop) {
        events.push({ step: step - 1, type: "terminate", lr, reason: `the smoothed loss ${smoothed.toPrecision(3)} passed ${RANGE_TEST_STOP_FACTOR}x its best ${monitor.best.toPrecision(3)}` });
        throw STOP;
      }
      if (step >= steps) throw STOP;
    };
    try {
      const result = await engine.trainEpoch(
        (iteration) => {
          io.checkAbort();
          lrs[iteration] = checkRate(scheduler.lr(), { epoch, iteration });
          return lrs[iteration];
        },
        (iteration, loss) => {
          reported = iteration + 1;
          record(iteration, loss);
        },
      );
      // An engine may hand the epoch's last losses back with the epoch rather than one by one (torch's lockstep does).
      for (let iteration = reported; iteration < result.losses.length; iteration++) record(iteration, result.losses[iteration]);
    } catch (error) {
      if (error === STOP) return events;
      throw error;
    }
    await io.flush();
  }
}
