import { MIN_RANKED_SEEDS } from "../leaderboard";

export interface RankingOutlook {
  /** Whether the upload can count on a leaderboard at all. */
  ranked: boolean;
  /** The reason, in words, for the upload form to show beside its button. */
  text: string;
}

/**
 * What an upload's leaderboard fate will be, from what the form knows before it is sent: a run counts
 * only with the schedule it followed (a row is a schedule), inside its tier's budget (a longer log is
 * refused), with an lr that does not contradict the schedule (checked on upload), and is ranked once
 * its row has MIN_RANKED_SEEDS seeds, among the self-reported uploads, never beside verified replays.
 */
export function rankingOutlook(input: { scheduleName: string | null; taskId: string; tier: string; epochs: number | null; seed: string }): RankingOutlook {
  const board = `${input.taskId} ${input.tier}`;
  if (!input.scheduleName) {
    return {
      ranked: false,
      text: `Not ranked: without the schedule it followed, the run is stored and charted but joins no leaderboard (a leaderboard row is a schedule). Pick its schedule to put it on ${board}'s.`,
    };
  }
  const budget = input.epochs !== null ? `at most ${input.epochs} epochs, the ${input.tier} tier's budget (a longer log is refused)` : "within the tier's budget";
  const seed = input.seed.trim() === "" ? " Give its seed: the row is ranked once it has " : " The row is ranked once it has ";
  return {
    ranked: true,
    text:
      `Ranked among the self-reported uploads on ${board} as a seed of '${input.scheduleName}', if the log has ${budget} and its learning rate, ` +
      `when logged, follows the schedule (a mismatch keeps it off).${seed}${MIN_RANKED_SEEDS} seeds; verified replays are ranked apart.`,
  };
}
