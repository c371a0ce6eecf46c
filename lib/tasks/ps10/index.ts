export { generatePs10, generatePs10TaskData, resolvePs10Config } from "./generate";
export { vectorToImage } from "./image";
export { ps10Metrics, type Ps10TestMetrics, type Ps10TrainMetrics } from "./metrics";
export { patternComplexity, subsetMasks, type Ps10SubsetMasks } from "./subsets";
export { Sfc32 } from "./rng";
export { Gaussian, detLn } from "./gaussian";
export * from "./constants";
export type { Ps10Config, Ps10Dataset, Ps10Form, Ps10Options, Ps10Split } from "./types";
export { PS10_SMOKE_MODEL, describeSmokeModel } from "./smoke-model";
