import { expect, test, type Page } from "@playwright/test";
import { expectChart, signInLocally } from "./helpers";

/**
 * A Keras CSVLogger log of cifar10-wrn smoke's StepDecay recipe (10 epochs, x0.2 at 30%, 60% and 80%:
 * epochs 3, 6 and 8): flat, then a jump in accuracy at each decay. It follows its claimed schedule, so
 * the upload check lets it onto the leaderboard.
 */
function kerasLog(seed: number): string {
  const rows = ["epoch,accuracy,loss,val_accuracy,val_loss,learning_rate"];
  for (let epoch = 0; epoch < 10; epoch++) {
    const stage = epoch < 3 ? 0 : epoch < 6 ? 1 : epoch < 8 ? 2 : 3;
    const acc = [0.6 + epoch * 0.002, 0.8, 0.85, 0.88][stage] + seed * 0.01;
    rows.push([epoch, acc, 1.5 - acc, acc - 0.02, 1.6 - acc, [0.1, 0.02, 0.004, 0.0008][stage]].join(","));
  }
  return `${rows.join("\n")}\n`;
}

/**
 * A ps10-noise log with the per-subset series, of a schedule decaying x0.1 at epochs 15 and 25: seed s
 * ends stage 1 with simple-pattern accuracy 0.8 + 0.01 s and stage 2 with complex-pattern accuracy
 * 0.6 + 0.02 s; test accuracy reaches the smoke target (0.4) at epoch 5.
 */
function ps10Log(seed: number): string {
  const rows = ["epoch,accuracy,loss,val_accuracy,val_loss,learning_rate,train_acc_simple,train_acc_complex,train_acc_noise,test_acc_simple,test_acc_complex"];
  for (let epoch = 0; epoch < 30; epoch++) {
    const stage = epoch < 15 ? 0 : epoch < 25 ? 1 : 2;
    const test = epoch < 5 ? 0.3 : 0.88;
    const simple = [0.8 + 0.01 * seed, 0.9, 0.95][stage];
    const complex = [0.3, 0.6 + 0.02 * seed, 0.7][stage];
    rows.push([epoch, 0.5, 1, test, 1.2, [0.1, 0.01, 0.001][stage], simple, complex, [0.05, 0.1, 0.2][stage], test + 0.1, test - 0.1].join(","));
  }
  return `${rows.join("\n")}\n`;
}

/**
 * JSON lines of a transfer run within the smoke tier's 6 epochs: snapshots at epoch 1 (before the decay at
 * 2) and 5, the spec's check numbers. It decays once where its StepDecay claims 2 and 4, so it is stored
 * flagged as a schedule mismatch: off the rankings, still in the analyses.
 */
function transferLog(): string {
  const lines = [];
  for (let epoch = 0; epoch < 6; epoch++) {
    const record: Record<string, unknown> = { epoch, lr: epoch < 2 ? 0.1 : 0.01, test_acc: epoch === 1 ? 0.5401 : epoch === 5 ? 0.6933 : 0.3 + epoch / 100 };
    if (epoch === 1) record.transfer = { finetune: { caltech256: 0.7787 }, fix: { cub200: 0.5 } };
    if (epoch === 5) record.transfer = { finetune: { caltech256: 0.8273 }, fix: { cub200: 0.55 } };
    lines.push(JSON.stringify(record));
  }
  return `${lines.join("\n")}\n`;
}

async function upload(page: Page, seed: number, run = { log: kerasLog(seed), task: "cifar10-wrn", schedule: "StepDecay · cifar10-wrn recipe", name: `e2e step decay seed ${seed}` }): Promise<string> {
  await page.goto("/runs/upload");
  await page.getByLabel("Log file").setInputFiles({ name: "training.log", mimeType: "text/csv", buffer: Buffer.from(run.log) });
  await page.getByLabel("Task").selectOption(run.task);
  await page.getByLabel("Schedule (optional)").selectOption({ label: run.schedule });
  await page.getByLabel("Run name (optional)").fill(run.name);
  await page.getByLabel("Seed (optional)").fill(String(seed));
  await page.getByRole("button", { name: "Upload" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop()!;
}

test("upload a log through the form, read its run page, and compare two seeds", async ({ page }) => {
  await signInLocally(page, "/runs");
  const first = await upload(page, 1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("e2e step decay seed 1");
  await expect(page.getByText("keras-csv")).toBeVisible();
  for (const panel of ["learning rate", "loss", "accuracy"]) {
    await expectChart(page.getByTestId(`panel-${panel}`));
  }
  // The decay at epoch 3 is found and its accuracy jump reported.
  const jumps = page.getByTestId("jumps");
  await expect(jumps).toContainText("3");
  await expect(jumps).toContainText("0.1 → 0.02");
  await expect(page.getByTestId("run-facts")).toContainText("Final test accuracy");

  await page.getByRole("link", { name: "Log scale" }).click();
  await expect(page).toHaveURL(/log=1/);
  await page.getByRole("link", { name: "0.6" }).click();
  // The server's choices carry into the interactive charts: the loss on a log scale, the accuracy smoothed at 0.6.
  const lossChart = page.getByTestId("panel-loss").getByTestId("interactive-chart");
  await expect(lossChart).toHaveAttribute("data-enhanced", "1");
  await expect(lossChart).toHaveAttribute("data-log", "1");
  const accuracyChart = page.getByTestId("panel-accuracy").getByTestId("interactive-chart");
  await expect(accuracyChart).toHaveAttribute("data-enhanced", "1");
  await expect(accuracyChart.getByLabel("smoothing")).toHaveValue("0.6");

  const second = await upload(page, 2);
  await page.goto("/runs");
  await page.getByLabel(`compare e2e step decay seed 1`).check();
  await page.getByLabel(`compare e2e step decay seed 2`).check();
  await page.getByRole("button", { name: "Compare selected" }).click();
  await expect(page).toHaveURL(new RegExp(`runs=${first}.*runs=${second}|runs=${second}.*runs=${first}`));
  // Both seeds are one schedule: one legend entry (seeds, mean and band together) in the interactive chart.
  const chart = page.getByTestId("compare-chart").getByTestId("interactive-chart");
  await expect(chart).toHaveAttribute("data-enhanced", "1");
  await expect(chart.getByRole("button", { name: "StepDecay · cifar10-wrn recipe" })).toHaveCount(1);

  // Both seeds land in the self-reported section as one row, unranked with too few seeds; the verified board has none.
  await page.goto("/leaderboard");
  await page.getByLabel("Task").selectOption("cifar10-wrn");
  await page.getByRole("button", { name: "Show" }).click();
  const uploads = page.getByTestId("leaderboard-uploads");
  const row = uploads.getByRole("row", { name: /StepDecay · cifar10-wrn recipe/ });
  await expect(row).toContainText("self-reported");
  await expect(row).toContainText("few seeds");
  await expect(row).toContainText("not ranked: 2 seeds: ranking needs at least 3");
  await page.getByRole("link", { name: "Seeds" }).first().click();
  await expect(page).toHaveURL(/sort=seeds/);
  await page.getByLabel("verified only").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("leaderboard")).toContainText("No finished replays");
  await expect(uploads).toHaveCount(0);
  const csv = await page.request.get("/api/v1/leaderboard?task=cifar10-wrn&tier=smoke&format=csv&source=uploaded");
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  expect((await csv.text()).split("\n")[1]).toMatch(/^StepDecay · cifar10-wrn recipe,multiStep,uploaded,no,,,,2 seeds: ranking needs at least 3,2,/);
});

test("a log too large for one request is parsed in the browser and sent in batches, then shows as one run", async ({ page }) => {
  // 70,000 steps of four metrics at full precision: 4.6 MB, past the 3.5 MB a single request may carry.
  const rows = ["step,loss,accuracy,val_accuracy,learning_rate"];
  for (let step = 0; step < 70_000; step++) {
    const acc = Math.min(0.9, step / 70_000);
    rows.push(`${step},${(2 / (1 + step / 1000)).toPrecision(17)},${acc.toPrecision(17)},${(acc * 0.97).toPrecision(17)},${step < 35_000 ? 0.1 : 0.01}`);
  }
  const log = Buffer.from(`${rows.join("\n")}\n`);
  expect(log.length).toBeGreaterThan(3.5 * 1024 * 1024);
  await signInLocally(page, "/runs/upload");
  await page.getByLabel("Log file").setInputFiles({ name: "steps.csv", mimeType: "text/csv", buffer: log });
  await page.getByLabel("Task").selectOption("cifar10-wrn");
  await page.getByLabel("Tier").selectOption("full");
  await page.getByLabel("Run name (optional)").fill("e2e batched upload");
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByText(/Sending batch \d+ of 28/)).toBeVisible({ timeout: 60_000 });
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/, { timeout: 240_000 });
  const runId = page.url().split("/").pop()!;
  const { run } = await (await page.request.get(`/api/v1/runs/${runId}`)).json();
  expect(run).toMatchObject({ name: "e2e batched upload", status: "finished", xAxis: "step", pointCount: 280_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("e2e batched upload");
});

test("a malformed log is refused with the line at fault, and nothing is stored", async ({ page }) => {
  await signInLocally(page, "/runs/upload");
  await page.getByLabel("Log file").setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from("epoch,loss,accuracy\n0,2.0,0.3\n1,1.5\n") });
  await page.getByLabel("Run name (optional)").fill("should not exist");
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "line 3" })).toContainText("expected 3 cells");
  await page.goto("/runs");
  await expect(page.getByText("should not exist")).toHaveCount(0);
});

test("uploaded ps10 and transfer runs appear at once in the analyses and the performance profiles", async ({ page }) => {
  await signInLocally(page, "/runs");
  // A schedule no other spec runs on ps10-noise, so these two seeds are all the analysis sees of it.
  const schedule = "Reduce on plateau";
  for (const seed of [1, 2]) await upload(page, seed, { log: ps10Log(seed), task: "ps10-noise", schedule, name: `e2e ps10 seed ${seed}` });

  await page.goto("/tasks");
  await page.locator("#ps10-noise").getByRole("link", { name: "The paper's analysis on this task" }).click();
  await expect(page).toHaveURL(/\/analyses\/ps10-noise$/);
  const section = page.getByTestId("stage-schedule").filter({ has: page.getByRole("link", { name: schedule }) });
  await expect(section).toContainText("2 seeds");
  const rows = section.getByTestId("stage-table").getByRole("row");
  await expect(rows).toHaveCount(4);
  // Stage 1 simple: 0.81 and 0.82 -> 81.5% ± t(0.975, 1) * 0.00707 / sqrt(2) = 6.4 points.
  await expect(rows.nth(1)).toContainText("decay at 15");
  await expect(rows.nth(1).getByRole("cell").nth(2)).toHaveText("81.5% ± 6.4");
  // Stage 2 complex: 0.62 and 0.64 -> 63.0% ± 12.7; stage 3 noise: 20.0% on both seeds.
  await expect(rows.nth(2)).toContainText("decay at 25");
  await expect(rows.nth(2).getByRole("cell").nth(3)).toHaveText("63.0% ± 12.7");
  await expect(rows.nth(3).getByRole("cell").nth(4)).toHaveText("20.0% ± 0.0");
  for (const series of ["train_acc_simple", "train_acc_complex", "train_acc_noise"]) {
    await expect(section.locator(`path[data-series="${series}"]`)).toBeAttached();
  }

  // The shared task picker moves to the other task's analysis, keeping the tier.
  await page.getByLabel("Task").selectOption("cifar10-wrn");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/analyses\/cifar10-wrn\?tier=smoke$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("cifar10-wrn: the jump after each decay");

  await page.goto("/analyses/imagenet-subset-transfer");
  await expect(page.getByTestId("no-results")).toContainText("No transfer results exist yet");
  await expect(page.getByTestId("no-results")).toContainText("--engine torch --data DIR");
  await upload(page, 0, { log: transferLog(), task: "imagenet-subset-transfer", schedule: "StepDecay · imagenet-subset-transfer recipe", name: "e2e transfer" });
  await page.goto("/analyses/imagenet-subset-transfer");
  const transfer = page.getByTestId("transfer-table");
  // (82.73 - 77.87) / (69.33 - 54.01) = 0.32; (55 - 50) / (69.33 - 54.01) = 0.33.
  await expect(transfer.getByRole("row", { name: /caltech256/ })).toHaveText(/caltech256\s*finetune\s*77\.87% \(—\)\s*82\.73% \(0\.32\)/);
  await expect(transfer.getByRole("row", { name: /cub200/ })).toContainText("55.00% (0.33)");
  await expect(page.getByTestId("transfer-schedule").locator('path[data-series="caltech256 (finetune)"]')).toBeAttached();

  await page.getByRole("link", { name: "Profiles" }).first().click();
  await expect(page).toHaveURL(/\/profiles$/);
  await expect(page.getByTestId("profile-chart").locator(`path[data-series="${schedule}"]`)).toBeAttached();
  const scores = page.getByTestId("profile-scores");
  const header = scores.getByRole("columnheader", { name: "ps10-noise/smoke (× best)" });
  await expect(header).toBeVisible();
  const row = scores.getByRole("row", { name: new RegExp(schedule) });
  await expect(row.getByRole("cell").nth(2)).toHaveText(/^[01]\.\d{3}$/);
  const profiles = await (await page.request.get("/api/v1/profiles?tier=smoke")).json();
  const mine = profiles.schedules.find((s: { scheduleName: string }) => s.scheduleName === schedule);
  expect(profiles.problems).toContain("ps10-noise/smoke");
  expect(mine.ratios["ps10-noise/smoke"]).toBeGreaterThanOrEqual(1);
});
