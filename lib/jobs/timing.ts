/** "42 s", "3 min 5 s", "1 h 12 min": how long a replay has run or has left. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ""}`;
}

/**
 * Seconds left, assuming the epochs still to run take as long as those done did; null before the first
 * epoch is done (nothing to extrapolate from) or once all are.
 */
export function estimateRemaining(elapsedSeconds: number, epochsDone: number | undefined, epochs: number | undefined): number | null {
  if (!epochsDone || !epochs || epochsDone <= 0 || epochsDone >= epochs || elapsedSeconds <= 0) return null;
  return (elapsedSeconds / epochsDone) * (epochs - epochsDone);
}
