/**
 * An epoch shown to people. Decays observed mid-epoch (AutoDecay's observeEvery in iterations) land at
 * fractions such as 9.579617834394904; one decimal is finer than any chart or table can show.
 */
export function formatEpoch(x: number): string {
  return String(Number(x.toFixed(1)));
}
