export { ps10Findings, stageRates, LEARNED_AT, type Ps10Run, type Ps10Schedule } from "./ps10";
export { cifarJumpFindings } from "./cifar";
export { transferFindings } from "./transfer";
export type { Finding, Verdict } from "./verdict";
