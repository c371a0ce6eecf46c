import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectSeries, signInLocally } from "./helpers";

// One real ps10-noise smoke replay with the torch engine: about half a minute on an idle core, a few
// minutes on a loaded one. (Pure-JS TensorFlow.js takes about 37 s an epoch of the Fourier-feature MLP,
// 18 minutes for the 30 epochs: its engine tests train it on small sizes instead.)
test.setTimeout(600_000);

test("queue a ps10-noise smoke replay in the UI; a worker process runs it; the run shows simple, complex and noise curves", async ({ page, baseURL }) => {
  await signInLocally(page, "/account");
  await page.getByLabel("Worker name").fill("e2e-worker");
  await page.getByRole("button", { name: "Register worker" }).click();
  const token = (await page.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^lrb_/);

  await page.goto("/schedules");
  await page.getByRole("heading", { name: "StepDecay · ps10-noise recipe" }).click();
  const replays = page.getByTestId("replays");
  await replays.getByLabel("Seeds").fill("0");
  await replays.getByRole("button", { name: "Queue replays" }).click();
  await expect(replays.getByText(/Queued 1 replay/)).toBeVisible();
  const row = replays.getByTestId("jobs-table").getByRole("row").nth(1);
  await expect(row).toContainText("queued");

  const worker = spawn(process.execPath, ["bin/lrbench.mjs", "worker", "--server", baseURL!, "--engine", "torch", "--device", "cpu", "--once"], {
    env: { ...process.env, LRBENCH_WORKER_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  worker.stdout.on("data", (chunk) => (output += chunk));
  worker.stderr.on("data", (chunk) => (output += chunk));
  const exitCode = new Promise<number | null>((resolve) => worker.on("exit", resolve));

  // The page follows the job live, without a reload.
  await expect(row).toContainText("running", { timeout: 60_000 });
  await expect(row).toContainText(/epoch \d+\/30/, { timeout: 120_000 });
  expect(await exitCode, output).toBe(0);
  await expect(row).toContainText("succeeded", { timeout: 10_000 });

  await row.getByRole("link", { name: "run" }).click();
  await expect(page.getByText("replayed · finished")).toBeVisible();
  const accuracy = page.getByTestId("panel-accuracy");
  for (const series of ["test_acc_simple", "test_acc_complex", "train_acc_noise"]) {
    await expectSeries(accuracy, series);
  }
  await expect(page.getByTestId("jumps")).toContainText("0.1 → 0.01");
});
