import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findPython } from "../workers/engines/torch/python-runtime";
import { signInLocally } from "./helpers";

test.setTimeout(180_000);

/** An untrained linear model on PS10's vector form, exported to ONNX: its accuracy is whatever it is, but real. */
function linearModel(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "lrbench-e2e-model-")), "model.onnx");
  const script = `import torch; torch.manual_seed(0); m = torch.nn.Linear(6, 10)
torch.onnx.export(m, torch.zeros(1, 6), ${JSON.stringify(file)}, input_names=["input"], output_names=["logits"], dynamic_axes={"input": {0: "n"}}, opset_version=13)`;
  const result = spawnSync(findPython(), ["-c", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return file;
}

test("the owner of an uploaded run attaches its ONNX model; a worker verifies it and the run shows both accuracies", async ({ page, baseURL }) => {
  await signInLocally(page, "/account");
  await page.getByLabel("Worker name").fill("e2e-verifier");
  await page.getByRole("button", { name: "Register worker" }).click();
  const token = (await page.getByTestId("new-secret").textContent())?.trim() ?? "";

  await page.goto("/runs/upload");
  await page.getByLabel("Log file").setInputFiles({ name: "ps10.csv", mimeType: "text/csv", buffer: Buffer.from("epoch,val_accuracy,loss\n0,0.30,2.1\n1,0.35,2.0\n") });
  await page.getByLabel("Task").selectOption("ps10-noise");
  await page.getByLabel("Run name (optional)").fill("e2e verified run");
  await page.getByLabel("Seed (optional)").fill("0");
  await page.getByRole("button", { name: "Upload" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);

  const panel = page.getByTestId("verify-panel");
  await panel.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByRole("status")).toHaveText("Choose the run's .onnx model first.");
  await panel.getByLabel(/Model \(\.onnx\)/).setInputFiles({ name: "notes.onnx", mimeType: "application/octet-stream", buffer: Buffer.from("not a model") });
  await panel.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByRole("status")).toContainText("The file is not an acceptable ONNX model");

  await panel.getByLabel(/Model \(\.onnx\)/).setInputFiles(linearModel());
  await panel.getByRole("button", { name: "Verify" }).click();
  await expect(panel.getByRole("status")).toHaveText("Verification queued: waiting for a worker.");

  const worker = spawn(process.execPath, ["bin/lrbench.mjs", "worker", "--server", baseURL!, "--once", "--poll", "1"], {
    env: { ...process.env, LRBENCH_WORKER_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  worker.stderr.on("data", (chunk) => (output += chunk));
  const exitCode = await new Promise<number | null>((resolve) => worker.on("exit", resolve));
  expect(exitCode, output).toBe(0);
  expect(output).toMatch(/verified run [0-9a-f-]+: test accuracy 0\.\d{4} on 1000 samples/);

  // The panel follows the job and refreshes the page when it is done.
  await expect(page.getByText("Verified test accuracy (the model, rerun by a worker)")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/\(claimed 35\.00%\)/)).toBeVisible();
  await expect(page.getByTestId("artifacts")).toContainText("model.onnx (model");
});
