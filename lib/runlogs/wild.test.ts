import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseRunFiles, parseRunLog } from "./parse";
import { fixture, parseError } from "./test-helpers";

// Logs shaped like the ones people commit (issue 14): each fixture is a small copy of a real pattern.

describe("Lightning LearningRateMonitor rows without an epoch", () => {
  it("takes the epoch from the rows at the same step, keeping the rate, losses and validation epochs", () => {
    const log = parseRunLog(fixture("lightning-lr-monitor.csv"));
    expect(log).toEqual({
      format: "lightning-csv",
      xAxis: "epoch",
      series: {
        lr: [
          [0, 0.0001],
          [1, 0.00005],
        ],
        train_loss: [
          [0, 2.125],
          [1, 1.375],
        ],
        test_acc: [
          [0, 0.5],
          [1, 0.625],
        ],
        test_loss: [
          [0, 1.5],
          [1, 1.25],
        ],
      },
    });
  });

  it("places a rate logged between steps in the epoch in progress, and uses steps when no row has an epoch", () => {
    const between = "epoch,step,lr-SGD,val_loss\n0,10,,1.5\n,15,0.1,\n1,20,,1.2\n,25,0.05,\n";
    expect(parseRunLog(between).series.lr).toEqual([
      [0, 0.1],
      [1, 0.05],
    ]);
    expect(parseRunLog("epoch,step,lr-SGD\n,10,0.1\n,20,0.05\n")).toMatchObject({ xAxis: "step", series: { lr: [[10, 0.1], [20, 0.05]] } });
  });
});

describe("MLPerf quality metrics by benchmark", () => {
  it("keeps RNN-T's word error rate as eval_wer, unscaled, lower is better", () => {
    const log = parseRunLog(fixture("mlperf-rnnt.log"));
    expect(log.series.eval_wer).toEqual([
      [1, 10.29],
      [2, 6.2],
      [3, 1],
      [4, 0.058],
    ]);
    expect(log.series.test_acc).toBeUndefined();
    expect(log.metrics).toEqual({ eval_wer: { direction: "min", isAccuracy: false } });
  });

  it("keeps GPT-3's log perplexity as eval_log_perplexity, never divided by 100", () => {
    const log = parseRunLog(fixture("mlperf-gpt3.log"));
    expect(log.series.eval_log_perplexity.map(([, v]) => v)).toEqual([2.75, 2.71, 2.69]);
    expect(log.series.test_acc).toBeUndefined();
    expect(log.metrics?.eval_log_perplexity).toEqual({ direction: "min", isAccuracy: false });
  });

  it("reads ResNet's top-1 in percent as test_acc and lars_opt_base_learning_rate as lr", () => {
    const log = parseRunLog(fixture("mlperf-resnet-lars.log"));
    expect(log.series.test_acc).toEqual([
      [4, 0.335],
      [8, 0.6125],
    ]);
    expect(log.series.lr).toEqual([[1, 10.6]]);
    expect(log.metrics?.test_acc).toEqual({ direction: "max", isAccuracy: true });
    // lars_opt_end_learning_rate and global_batch_size are config, logged without a position
    expect(Object.keys(log.series).sort()).toEqual(["lr", "test_acc", "wall_time"]);
  });

  it("keeps the old reading when the benchmark is not named", () => {
    const log = parseRunLog(fixture("mlperf-resnet.log"));
    expect(log.series.test_acc).toEqual([
      [1, 0.25],
      [2, 0.5],
    ]);
    expect(log.metrics).toBeUndefined();
  });
});

describe("MLPerf structured and tagged values", () => {
  it("splits Mask R-CNN's {BBOX, SEGM} into bbox_map and segm_map", () => {
    const log = parseRunLog(fixture("mlperf-maskrcnn.log"));
    expect(log.series.bbox_map).toEqual([
      [1, 0.17],
      [2, 0.31],
    ]);
    expect(log.series.segm_map).toEqual([
      [1, 0.18],
      [2, 0.29],
    ]);
  });

  it("splits Stable Diffusion's FID and CLIP by metadata.metric", () => {
    const log = parseRunLog(fixture("mlperf-stable-diffusion.log"));
    expect(log.series.fid).toEqual([
      [512000, 340.5],
      [1024000, 79.6],
    ]);
    expect(log.series.clip_score).toEqual([
      [512000, 0.0712],
      [1024000, 0.1534],
    ]);
    expect(log.metrics).toEqual({ fid: { direction: "min", isAccuracy: false }, clip_score: { direction: "max", isAccuracy: false } });
  });
});

describe("MLPerf positions", () => {
  it("places Llama 2 LoRA's evals by samples_count on a samples axis", () => {
    const log = parseRunLog(fixture("mlperf-llama2-lora.log"));
    expect(log.xAxis).toBe("samples");
    expect(log.series.test_loss.map(([x]) => x)).toEqual([3072, 6144, 9216, 12288, 15360]);
    expect(log.series.train_loss).toHaveLength(5);
  });

  it("uses seconds since the start when every BERT eval is at epoch_num 1", () => {
    const log = parseRunLog(fixture("mlperf-bert-time.log"));
    expect(log.xAxis).toBe("time");
    expect(log.series.test_acc).toEqual([
      [120, 0.6912],
      [240, 0.7103],
      [360, 0.7205],
    ]);
  });
});

describe("MLPerf markers and wall time", () => {
  it("uses eval_start/eval_stop/epoch_start/epoch_stop for timing, not as series", () => {
    const log = parseRunLog(fixture("mlperf-maskrcnn.log"));
    expect(Object.keys(log.series).sort()).toEqual(["bbox_map", "lr", "segm_map", "wall_time"]);
    // eval_stop closes each epoch: 500 ms after the eval result
    expect(log.series.wall_time).toEqual([
      [1, 1000.5],
      [2, 2000.5],
    ]);
  });

  it("keeps DLRM's wall time monotonic when end-of-run events come back to epoch_num 1", () => {
    const log = parseRunLog(fixture("mlperf-dlrm.log"));
    expect(log.series.eval_auc.map(([x]) => x)).toEqual([1.05, 1.5, 1.95]);
    const times = log.series.wall_time.map(([, t]) => t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(log.series.wall_time.at(-1)).toEqual([1.95, 600.1]);
  });

  it("times epochs from epoch_stop markers between evaluations", () => {
    const log = parseRunLog(fixture("mlperf-resnet-lars.log"));
    expect(log.series.wall_time.map(([x]) => x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("detectron2", () => {
  it("reads metrics.json on the step axis with evaluations under their names and a cumulative clock", () => {
    const log = parseRunLog(fixture("detectron2-metrics.json"), { filename: "metrics.json" });
    expect(log.format).toBe("detectron2");
    expect(log.xAxis).toBe("step");
    expect(log.series.train_loss).toEqual([
      [19, 2.31],
      [39, 1.87],
      [59, 1.62],
    ]);
    expect(log.series.lr.map(([, v]) => v)).toEqual([0.0004, 0.0008, 0.0012]);
    expect(log.series["bbox/ap"]).toEqual([[59, 40.1]]);
    expect(log.series["segm/ap"]).toEqual([[59, 36.5]]);
    // 20 iterations at 0.52 s, 20 at 0.5 s, 20 at 0.25 s: time is per iteration, not a clock
    expect(log.series.wall_time).toEqual([
      [19, 10.4],
      [39, 20.4],
      [59, 25.4],
    ]);
    expect(log.series).not.toHaveProperty("eta_seconds");
    expect(log.series).not.toHaveProperty("data_time");
    expect(log.metrics?.["bbox/ap"]).toEqual({ direction: "max", isAccuracy: false });
  });
});

describe("wandb", () => {
  it("reads a history CSV with _step as x and _runtime as wall_time", () => {
    const log = parseRunLog(fixture("wandb-history.csv"));
    expect(log.format).toBe("wandb");
    expect(log.xAxis).toBe("step");
    expect(log.series.train_loss).toEqual([
      [0, 2.3],
      [1, 1.9],
      [2, 1.6],
      [3, 1.4],
    ]);
    expect(log.series.test_acc).toEqual([
      [1, 0.41],
      [3, 0.55],
    ]);
    expect(log.series.wall_time.at(-1)).toEqual([3, 50.25]);
    expect(log.series).not.toHaveProperty("_timestamp");
  });

  it("reads history JSON lines, nested keys flattened, media and _wandb skipped", () => {
    const log = parseRunLog(fixture("wandb-history.jsonl"));
    expect(log.format).toBe("wandb");
    expect(log.series).toEqual({
      train_loss: [
        [0, 2.3],
        [1, 1.9],
      ],
      lr: [
        [0, 0.1],
        [1, 0.1],
      ],
      test_acc: [[2, 0.52]],
      test_loss: [[2, 1.7]],
      wall_time: [
        [0, 10],
        [1, 20],
        [2, 31],
      ],
    });
  });
});

const MLFLOW_RUN = fileURLToPath(new URL("./fixtures/mlflow-run/", import.meta.url));
function folder(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join("/"), new Uint8Array(readFileSync(full)));
    }
  };
  walk(root);
  return files;
}

describe("mlflow", () => {
  const expected = {
    format: "mlflow",
    xAxis: "step",
    series: {
      train_loss: [
        [0, 2.3],
        [1, 1.9],
        [2, 1.6],
      ],
      lr: [
        [0, 0.1],
        [1, 0.05],
        [2, 0],
      ],
      test_acc: [
        [0, 0.41],
        [1, 0.52],
        [2, 0.6],
      ],
      wall_time: [
        [0, 10],
        [1, 110],
        [2, 210],
      ],
    },
  };

  it("reads a run folder: metrics/<name> lines, nested names, wall time from the timestamps", () => {
    expect(parseRunFiles(folder(MLFLOW_RUN))).toEqual(expected);
  });

  it("reads the same run zipped under its run id (stored and deflated entries)", () => {
    expect(parseRunLog(fixture("mlflow-run.zip"))).toEqual(expected);
  });

  it("switches to a time axis when a metric repeats MLflow's default step 0", () => {
    const files = new Map([["metrics/loss", new TextEncoder().encode("1700000000000 2.0 0\n1700000030000 1.5 0\n")]]);
    expect(parseRunFiles(files)).toMatchObject({ xAxis: "time", series: { train_loss: [[0, 2], [30, 1.5]] } });
  });

  it("names the file and line of a bad metric line, and refuses a damaged zip", () => {
    const files = new Map([["run/metrics/val/acc", new TextEncoder().encode("1700000000000 0.5 0\n1700000000000 abc 1\n")]]);
    const error = parseError(() => parseRunFiles(files));
    expect(error.message).toBe(`mlflow: run/metrics/val/acc, line 2: expected "timestamp value step" (numbers), found '1700000000000 abc 1'`);
    const zip = fixture("mlflow-run.zip");
    expect(parseError(() => parseRunLog(zip.subarray(0, zip.length - 30))).message).toMatch(/^zip archive: /);
    expect(parseError(() => parseRunLog("epoch,loss\n1,2\n", { format: "mlflow" })).message).toMatch(/^mlflow: an MLflow run is a folder/);
  });
});

describe("mlflow run roots", () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it("finds the run below an experiment's own meta.yaml, ignores Finder's clutter, and refuses two runs", () => {
    const experiment = new Map([
      ["0/meta.yaml", text("name: Default\n")],
      ["0/3f2a/meta.yaml", text("run_id: 3f2a\n")],
      ["0/3f2a/metrics/loss", text("1700000000000 2.0 0\n1700000060000 1.5 1\n")],
    ]);
    expect(parseRunFiles(experiment).series.train_loss).toEqual([
      [0, 2],
      [1, 1.5],
    ]);
    experiment.set("__MACOSX/0/3f2a/metrics/._loss", text("\u0000\u0005\u0016\u0007"));
    experiment.set("0/3f2a/.DS_Store", text("\u0000"));
    expect(parseRunFiles(experiment).series.train_loss).toHaveLength(2);
    experiment.set("0/9b1c/metrics/loss", text("1700000000000 2.0 0\n"));
    expect(parseError(() => parseRunFiles(experiment)).message).toMatch(/^mlflow: the archive holds 2 runs \(0\/3f2a\/, 0\/9b1c\/\.\.\.\)/);
  });
});
