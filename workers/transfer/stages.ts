/**
 * Snapshots at the end of every stage of training: each decay, AutoDecay's too, and the end; and, when
 * asked, the end of each cycle of a cyclical schedule (the epoch that starts at a local minimum of the
 * rate), where Smith and Topin compare the minima a schedule visits.
 */
import { isStepDrop } from "@/lib/analysis/decays";

export class StageRecorder<Files extends object> {
  readonly stages: (Files & { epoch: number })[] = [];
  private previousLr: number | null = null;

  constructor(
    /** Saves the current weights (and whatever else a stage keeps) under dir/name. */
    private readonly take: (dir: string, name: string) => Promise<Files>,
    private readonly dir: string,
    /** Keeps the stage's files with the run (artifacts). */
    private readonly keep: (files: Files, name: string, epoch: number) => Promise<void>,
    private readonly options: { cycleEnds?: boolean } = {},
  ) {}

  /**
   * Called after each epoch: `lr` is the rate it started at, `nextLr` the rate the next one starts at.
   * `decayed`: the schedule itself announced a decay during the epoch (adaptive schedules).
   */
  async afterEpoch(epoch: number, lr: number, nextLr: number, flags: { decayed: boolean; last: boolean }): Promise<boolean> {
    const cycleEnds = this.options.cycleEnds === true && this.previousLr !== null && this.previousLr > lr && nextLr > lr;
    const stageEnds = flags.last || flags.decayed || cycleEnds || isStepDrop(this.previousLr, lr, nextLr);
    this.previousLr = lr;
    if (!stageEnds) return false;
    const name = `stage-${this.stages.length + 1}-epoch-${epoch}`;
    const files = await this.take(this.dir, name);
    await this.keep(files, name, epoch);
    this.stages.push({ epoch, ...files });
    return true;
  }
}
