export { mean, sampleVariance, sampleStd } from "./descriptive";
export { logGamma, regularizedIncompleteBeta } from "./special";
export { studentTCdf, studentTQuantile } from "./student-t";
export { confidenceFromSummary, meanConfidenceInterval, type MeanConfidenceInterval } from "./confidence";
export { welchTTest, pairedDifference, type TTestResult, type PairedDifferenceResult } from "./t-tests";
export { mulberry32 } from "./prng";
export { bootstrapMeanCi, type BootstrapOptions, type BootstrapCi } from "./bootstrap";
export {
  performanceProfiles,
  type TimesToTarget,
  type ProfileOptions,
  type ProfilePoint,
  type ScheduleProfile,
  type PerformanceProfiles,
} from "./performance-profiles";
export { ratioOfMeans, influenceInterval, type RatioOfMeans } from "./ratio";
