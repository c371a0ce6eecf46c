/**
 * Verification of an uploaded run: its ONNX model (final weights) is run with onnxruntime-node on the
 * task's test set, rebuilt here exactly as the engines build it, and the accuracy is reported beside
 * the run's claimed one. The model takes the task's raw test inputs (PS10 as generated; CIFAR-10 pixels
 * / 255, NCHW; Fashion-MNIST N x 1 x 28 x 28, pixels / 255 standardised by the data set's mean and std, as
 * the engines train on them) and its first output is the class logits.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { accuracy, argmaxRows } from "@/lib/tasks/accuracy";
import { findTask } from "@/lib/tasks/catalog";
import { parseCifarRecords } from "@/lib/tasks/cifar";
import { fashionMnistDir, fashionMnistMissing, readFashionMnist, standardise } from "@/lib/tasks/fashion-mnist";
import { generatePs10TaskData, vectorToImage } from "@/lib/tasks/ps10";
import { assertOk, type WorkerApi } from "./client";
import { cifarDir, DATA_LAYOUT } from "./engines/torch/plan";
import { holdLease } from "./lease";
import { openOnnx } from "./onnx";

export interface VerifyJob {
  id: string;
  kind: "verify";
  attemptId: string;
  runId: string;
  taskId: string;
  tier: "smoke" | "short" | "full";
  seed: number;
  model: { name: string; sha256: string; bytes: number } | null;
  leaseSeconds: number;
}

interface TestSet {
  inputs: Float32Array;
  labels: Int32Array;
  n: number;
  shape: number[];
  inputShape?: number[];
  expand?: (rows: Float32Array) => Float32Array;
}

export async function verificationTestSet(job: Pick<VerifyJob, "taskId" | "tier">, dataDir: string | undefined): Promise<TestSet> {
  const tier = findTask(job.taskId)?.tiers.find((t) => t.tier === job.tier);
  if (!tier) throw new Error(`unknown task or tier: ${job.taskId} ${job.tier}`);
  if (job.taskId === "ps10-noise") {
    // The same call as the engines make: the test set follows from the fixed data seed and both split sizes.
    const data = generatePs10TaskData({ trainSize: tier.trainSamples, testSize: tier.testSamples });
    const image = tier.tier !== "smoke";
    return {
      inputs: data.test.inputs, labels: data.test.labels, n: data.test.n, shape: [6],
      ...(image ? { inputShape: [6, 32, 32], expand: (rows: Float32Array) => vectorToImage(rows, 32, 32) } : {}),
    };
  }
  if (job.taskId === "cifar10-wrn") {
    const dir = dataDir ? cifarDir(dataDir) : null;
    if (!dir) throw new Error(`verifying cifar10-wrn needs its test set: start the worker with --data DIR holding ${DATA_LAYOUT.cifar10}`);
    const file = path.join(dir, "test_batch.bin");
    const parsed = parseCifarRecords(await readFile(file), tier.testSamples, file);
    return { inputs: parsed.images, labels: parsed.labels, n: parsed.n, shape: [3, 32, 32] };
  }
  if (job.taskId === "fashion-mnist") {
    const dir = fashionMnistDir(dataDir);
    if (!dir) throw new Error(`verifying ${fashionMnistMissing(dataDir)}`);
    const test = await readFashionMnist(dir, "test", tier.testSamples);
    return { inputs: standardise(test.pixels), labels: test.labels, n: test.n, shape: [1, 28, 28] };
  }
  throw new Error(`${job.taskId} runs cannot be verified by this worker`);
}

export async function runVerification(api: WorkerApi, job: VerifyJob, options: { dataDir?: string; log: (line: string) => void }) {
  // Verification takes seconds to minutes and cannot stop halfway usefully: a lost lease shows when it reports.
  const lease = holdLease(api, job, () => ({ verifying: true }));
  try {
    if (!job.model) throw new Error("the run has no model to verify");
    const download = assertOk(await api.download(`/runs/${job.runId}/artifacts/${encodeURIComponent(job.model.name)}`), "downloading the model") as Uint8Array;
    const sha256 = createHash("sha256").update(download).digest("hex");
    if (sha256 !== job.model.sha256) throw new Error(`the downloaded model's SHA-256 ${sha256} is not the stored ${job.model.sha256}`);
    const test = await verificationTestSet(job, options.dataDir);
    const model = await openOnnx(download);
    const { values, dim } = await model.outputs(test.inputs, test.n, test.shape, { expand: test.expand, inputShape: test.inputShape }).finally(() => model.release());
    const testAcc = accuracy(argmaxRows(values, dim), test.labels);
    if (testAcc === null) throw new Error("the task's test set is empty");
    const ort = await import("onnxruntime-node");
    assertOk(
      await api.post(`/worker/jobs/${job.id}/complete`, {
        attemptId: job.attemptId,
        verification: { testAcc, testSamples: test.n, modelSha256: sha256, runtime: `onnxruntime-node ${ort.env.versions.node ?? "unknown"}` },
      }),
      "reporting the verification",
    );
    options.log(`job ${job.id}: verified run ${job.runId}: test accuracy ${testAcc.toFixed(4)} on ${test.n} samples`);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    options.log(`job ${job.id} (verification) failed: ${message}`);
    // A model that does not run on the task's inputs will not run on a retry either.
    await api.post(`/worker/jobs/${job.id}/fail`, { attemptId: job.attemptId, error: message, retryable: false }).catch(() => undefined);
  } finally {
    lease.stop();
  }
}
