/** One line per epoch on a terminal, redrawn in place; plain lines when output is not a terminal. */
export function progressLine(label: string, epoch: number, epochs: number, metrics: Record<string, number | null | undefined>, unit = "epoch"): string {
  const width = 20;
  const done = Math.round((epoch / Math.max(1, epochs)) * width);
  const shown = Object.entries(metrics)
    .filter(([, v]) => typeof v === "number" && Number.isFinite(v))
    .map(([k, v]) => `${k} ${(v as number).toPrecision(4)}`)
    .join("  ");
  return `${label} ${unit} ${epoch}/${epochs} [${"#".repeat(done)}${".".repeat(width - done)}] ${shown}`;
}
