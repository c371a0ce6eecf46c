/**
 * A toy training loss for previewing adaptive schedules without a run: the loss relaxes towards a
 * noise floor that grows with the learning rate, so it plateaus at a large rate and drops after a
 * decay, the pattern AutoDecay and ReduceLROnPlateau react to. Deterministic, so previews are stable.
 */
export class SyntheticLoss {
  private loss = 2.3;
  private state: number;

  constructor(seed = 1) {
    this.state = seed >>> 0 || 1;
  }

  /** The mean loss of one step trained at `lr`. */
  next(lr: number): number {
    const floor = 0.15 + 6 * Math.min(lr, 1);
    this.loss += 0.12 * (floor - this.loss);
    return this.loss * (1 + 0.01 * (this.random() - 0.5));
  }

  // mulberry32: tiny, seedable, good enough for jitter.
  private random(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
