/** The per-task analyses of the paper, by task id: what each page shows and why. */
export const ANALYSES: Record<string, { title: string; description: string }> = {
  "ps10-noise": {
    title: "ps10-noise: what each stage learns",
    description:
      "The paper's figures 9 and 10. Each stage runs from one decay to the next (stage 1 from the start, the last to the end of training). " +
      "For each schedule, the accuracy on the simple, complex and noisy training subsets at the end of every stage, mean ± the 95% confidence " +
      "half-width over seeds (hover for the interval), and the mean curves of the three training subsets with the decays marked. Complex patterns " +
      "should rise mainly after decays; accuracy on the noise subset is memorisation, so lower is better. Above the tables, the answers in words: " +
      "the complex-pattern gain before and after the first decay, noise memorised by StepDecay against each constant-rate control, and whether " +
      "the simple patterns were learned first, each with its interval and whether it shows the paper's effect.",
  },
  "cifar10-wrn": {
    title: "cifar10-wrn: the jump after each decay",
    description:
      "The sharp rise in test accuracy right after each decay: mean test accuracy over the 5 epochs from the decay minus that over the 5 epochs " +
      "before it (each window stopping at the neighbouring decays), per run, then the mean and 95% confidence interval over seeds, in " +
      "percentage points. Decays are matched by their order, so for an adaptive schedule the epoch shown is the seeds' mean. The same in words " +
      "per schedule above the table.",
  },
  "imagenet-subset-transfer": {
    title: "imagenet-subset-transfer: accuracy and transferability per stage",
    description:
      "The paper's table 2. A snapshot is taken at the end of every stage (each decay and the end of training) and transferred to each target, " +
      "with a frozen feature extractor (fix) or fine-tuned (finetune). Transferability of stage i on a target is (tacc_i − tacc_(i−1)) / " +
      "(acc_i − acc_(i−1)): the target accuracy a stage bought per unit of source accuracy, taken from the means over seeds; — where the " +
      "source accuracy did not move. Transferability intervals (95%, over seeds) use the delta method for a ratio of means; each target gets a " +
      "sentence saying whether the last stage transferred less than stage 2, the paper's claim.",
  },
};
