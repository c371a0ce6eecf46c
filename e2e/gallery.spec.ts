import { expect, test } from "@playwright/test";

test.describe("schedule gallery", () => {
  test("draws a learning-rate curve for every seeded schedule", async ({ page }) => {
    await page.goto("/schedules");
    const cards = page.getByTestId("schedule-gallery").locator("li");
    await expect(cards.first()).toBeVisible();
    const count = await cards.count();
    expect(count).toBeGreaterThanOrEqual(14);
    for (let i = 0; i < count; i++) {
      const path = cards.nth(i).locator('path[data-series="learning rate"]');
      const d = await path.getAttribute("d");
      // A real curve has many segments, not an empty or single-point path.
      expect(d?.split(/[LM]/).length ?? 0).toBeGreaterThan(3);
    }
    await expect(page.getByRole("heading", { name: "StepDecay · cifar10-wrn recipe" })).toBeVisible();
    // One StepDecay per task (its recipe) and one generic, not a copy per tier.
    await expect(page.getByRole("heading", { name: /^StepDecay/ })).toHaveCount(5);
    await expect(page.getByRole("heading", { name: "AutoDecay", exact: true })).toBeVisible();
  });

  test("a schedule page shows its curve, definition and runnable exports", async ({ page }) => {
    await page.goto("/schedules");
    await page.getByRole("heading", { name: "Cosine annealing", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cosine annealing");
    await expect(page.getByTestId("lr-chart").locator('path[data-series="learning rate"]')).toHaveCount(1);
    const json = JSON.parse((await page.getByTestId("definition-json").textContent()) ?? "{}");
    expect(json).toMatchObject({ kind: "cosine", lr: 0.1, tMax: "100%" });
    await expect(page.getByTestId("export-pytorch")).toContainText("CosineAnnealingLR");
    await expect(page.getByTestId("export-optax")).toContainText("optax");
    await expect(page.getByTestId("export-keras")).toContainText("keras");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("reading pages still show their curves and content", async ({ page }) => {
    await page.goto("/schedules");
    await expect(page.getByTestId("schedule-gallery").locator("svg path").first()).toBeAttached();
    await page.goto("/tasks");
    await expect(page.getByRole("heading", { name: /PS10 with label noise/ })).toBeVisible();
    await expect(page.getByText("WRN-28-10 (36.5 M)")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Learning-rate schedules, measured." })).toBeVisible();
    // The featured head-to-head waits for the baseline replays on a fresh database.
    await expect(page.getByTestId("head-to-head")).toContainText("StepDecay · ps10-noise recipe vs AutoDecay");
  });
});
