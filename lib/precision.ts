/** Numeric precisions a run may record; leaderboards never mix two in one row. */
export const RUN_PRECISIONS = ["fp32", "bf16"] as const;
export type RunPrecision = (typeof RUN_PRECISIONS)[number];
