import type { MetricInfo } from "./types";

/**
 * What MLPerf's `eval_accuracy` holds, per benchmark: the training rules name each benchmark's quality
 * metric, and most are not accuracies. Only real accuracies become test_acc (the one series leaderboards
 * rank); the others keep their own names and are never rescaled.
 */
export interface QualityMetric extends MetricInfo {
  name: string;
}

export interface Quality {
  /** The metric of a plain number. */
  value?: QualityMetric;
  /** Metrics of a dict value ({"BBOX": .., "SEGM": ..}) or of values tagged by metadata.metric, by lowercased key. */
  parts?: Record<string, QualityMetric>;
}

const higher = (name: string, isAccuracy = false): QualityMetric => ({ name, direction: "max", isAccuracy });
const lower = (name: string): QualityMetric => ({ name, direction: "min", isAccuracy: false });

const ACCURACY: Quality = { value: higher("test_acc", true) };
const BOX_MAP: Quality = { value: higher("bbox_map") };

const BY_BENCHMARK: Record<string, Quality> = {
  resnet: ACCURACY, // top-1, as a fraction or in percent
  image_classification: ACCURACY,
  bert: ACCURACY, // masked-LM accuracy
  language_model: ACCURACY,
  gnn: ACCURACY,
  rgat: ACCURACY,
  ssd: BOX_MAP,
  retinanet: BOX_MAP,
  single_stage_detector: BOX_MAP,
  maskrcnn: { value: higher("bbox_map"), parts: { bbox: higher("bbox_map"), segm: higher("segm_map") } },
  object_detection: { value: higher("bbox_map"), parts: { bbox: higher("bbox_map"), segm: higher("segm_map") } },
  rnnt: { value: lower("eval_wer") }, // word error rate: 10.29 early on is a rate above 1, not a percentage
  speech_recognition: { value: lower("eval_wer") },
  gpt3: { value: lower("eval_log_perplexity") },
  dlrm: { value: higher("eval_auc") },
  dlrm_dcnv2: { value: higher("eval_auc") },
  recommendation: { value: higher("eval_auc") },
  ncf: { value: higher("eval_hit_rate") },
  unet3d: { value: higher("eval_mean_dice") },
  image_segmentation: { value: higher("eval_mean_dice") },
  stable_diffusion: { parts: { fid: lower("fid"), clip: higher("clip_score") } },
  llama2_70b_lora: { value: lower("test_loss") }, // the evaluation loss
  minigo: { value: higher("eval_win_rate") },
  transformer: { value: higher("eval_bleu") },
  gnmt: { value: higher("eval_bleu") },
  translation: { value: higher("eval_bleu") },
};

export const QUALITY_KEY = "eval_accuracy";

/** The quality metric of a benchmark named as `submission_benchmark` spells it, or undefined when unknown. */
export function qualityOf(benchmark: string | undefined): Quality | undefined {
  if (benchmark === undefined) return undefined;
  const key = benchmark.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_");
  return Object.hasOwn(BY_BENCHMARK, key) ? BY_BENCHMARK[key] : undefined;
}
