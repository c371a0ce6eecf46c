import { expect, test, type Page } from "@playwright/test";
import { signInLocally } from "./helpers";

/** A Keras CSVLogger log of a step-decay run: flat, then a jump in accuracy at the decay. */
function kerasLog(seed: number): string {
  const rows = ["epoch,accuracy,loss,val_accuracy,val_loss,learning_rate"];
  for (let epoch = 0; epoch < 30; epoch++) {
    const decayed = epoch >= 20;
    const acc = (decayed ? 0.85 : 0.6 + epoch * 0.002) + seed * 0.01;
    rows.push([epoch, acc, 1.5 - acc, acc - 0.02, 1.6 - acc, decayed ? 0.01 : 0.1].join(","));
  }
  return `${rows.join("\n")}\n`;
}

async function upload(page: Page, seed: number): Promise<string> {
  await page.goto("/runs/upload");
  await page.getByLabel("Log file").setInputFiles({ name: "training.log", mimeType: "text/csv", buffer: Buffer.from(kerasLog(seed)) });
  await page.getByLabel("Task").selectOption("cifar10-wrn");
  await page.getByLabel("Schedule (optional)").selectOption({ label: "StepDecay · cifar10-wrn · smoke" });
  await page.getByLabel("Run name (optional)").fill(`e2e step decay seed ${seed}`);
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
    await expect(page.getByTestId(`panel-${panel}`).locator("path[data-series]").first()).toBeAttached();
  }
  // The decay at epoch 20 is found and its accuracy jump reported.
  const jumps = page.getByTestId("jumps");
  await expect(jumps).toContainText("20");
  await expect(jumps).toContainText("0.1 → 0.01");
  await expect(page.getByTestId("run-facts")).toContainText("Final test accuracy");

  await page.getByRole("link", { name: "Log scale" }).click();
  await expect(page).toHaveURL(/log=1/);
  await page.getByRole("link", { name: "0.6" }).click();
  await expect(page.getByTestId("panel-accuracy").locator('path[data-series="test_acc (raw)"]')).toBeAttached();

  const second = await upload(page, 2);
  await page.goto("/runs");
  await page.getByLabel(`compare e2e step decay seed 1`).check();
  await page.getByLabel(`compare e2e step decay seed 2`).check();
  await page.getByRole("button", { name: "Compare selected" }).click();
  await expect(page).toHaveURL(new RegExp(`runs=${first}.*runs=${second}|runs=${second}.*runs=${first}`));
  const chart = page.getByTestId("compare-chart");
  await expect(chart.locator("path[data-band]")).toHaveCount(1);
  await expect(chart).toContainText("StepDecay · cifar10-wrn · smoke: 2 runs (mean, ±1 std band)");

  // Both seeds land on the leaderboard as one self-reported row with too few seeds for comfort.
  await page.goto("/leaderboard");
  await page.getByLabel("Task").selectOption("cifar10-wrn");
  await page.getByRole("button", { name: "Show" }).click();
  const board = page.getByTestId("leaderboard");
  const row = board.getByRole("row", { name: /StepDecay · cifar10-wrn · smoke/ });
  await expect(row).toContainText("self-reported");
  await expect(row).toContainText("few seeds");
  await page.getByRole("link", { name: "Seeds" }).click();
  await expect(page).toHaveURL(/sort=seeds/);
  await page.getByLabel("verified only").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(board).toContainText("No finished runs");
  const csv = await page.request.get("/api/v1/leaderboard?task=cifar10-wrn&tier=smoke&format=csv");
  expect(csv.headers()["content-type"]).toMatch(/text\/csv/);
  expect((await csv.text()).split("\n")[1]).toMatch(/^StepDecay · cifar10-wrn · smoke,multiStep,uploaded,2,/);
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
