/** Snapshots at the end of every stage of training: each decay, AutoDecay's too, and the end. */
import { isStepDrop } from "@/lib/analysis/decays";
import type { TransferSupport } from "../engines/types";
import type { Stage } from "./evaluate";

export class StageRecorder {
  readonly stages: Stage[] = [];
  private previousLr: number | null = null;

  constructor(
    private readonly support: TransferSupport,
    private readonly dir: string,
    /** Keeps the stage's ONNX export with the run (an artifact). */
    private readonly keep: (file: string, name: string, epoch: number) => Promise<void>,
  ) {}

  /**
   * Called after each epoch: `lr` is the rate it started at, `nextLr` the rate the next one starts at.
   * `decayed`: the schedule itself announced a decay during the epoch (adaptive schedules).
   */
  async afterEpoch(epoch: number, lr: number, nextLr: number, flags: { decayed: boolean; last: boolean }): Promise<boolean> {
    const stageEnds = flags.last || flags.decayed || isStepDrop(this.previousLr, lr, nextLr);
    this.previousLr = lr;
    if (!stageEnds) return false;
    const name = `stage-${this.stages.length + 1}-epoch-${epoch}`;
    const files = await this.support.snapshot(this.dir, name);
    await this.keep(files.onnx, `${name}.onnx`, epoch);
    this.stages.push({ epoch, ...files });
    return true;
  }
}
