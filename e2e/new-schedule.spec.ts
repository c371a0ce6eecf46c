import { expect, test } from "@playwright/test";
import { signInLocally } from "./helpers";

test("the new-schedule form validates inline, previews live and saves", async ({ page }) => {
  await signInLocally(page, "/schedules/new");
  await page.getByTestId("kind-select").selectOption("multiStep");
  const preview = page.getByTestId("preview");
  await expect(preview.locator('path[data-series="learning rate"]')).toHaveCount(1);

  const milestones = page.getByLabel(/^milestones/i);
  await milestones.fill("60, 30");
  // Messages name fields as the form labels them, not by JSON path.
  await expect(page.getByText("2nd milestone must be greater than the 1st milestone")).toBeVisible();
  await expect(preview.getByText("Fix the fields marked in red")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save schedule" })).toBeDisabled();

  await milestones.fill("30, 60");
  await expect(page.getByText(/2nd milestone must be greater/)).toHaveCount(0);
  const path = preview.locator('path[data-series="learning rate"]');
  await expect(path).toHaveCount(1);
  const before = await path.getAttribute("d");

  await page.getByLabel(/^gamma/i).fill("0.5");
  await expect.poll(async () => path.getAttribute("d")).not.toBe(before);

  await page.getByLabel("Name").fill("E2E step decay");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E step decay");
  const json = JSON.parse((await page.getByTestId("definition-json").textContent()) ?? "{}");
  expect(json).toMatchObject({ kind: "multiStep", milestones: [30, 60], gamma: 0.5 });

  await page.goto("/schedules");
  await expect(page.getByRole("heading", { name: "E2E step decay" })).toBeVisible();
});

test("a visitor is told to sign in before saving", async ({ page }) => {
  await page.goto("/schedules/new");
  await page.getByLabel("Name").fill("Anonymous attempt");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("Sign in first: this needs an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/schedules\/new$/);
});

test("the server refuses a nameless schedule and says which field is wrong", async ({ page }) => {
  await signInLocally(page, "/schedules/new");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByText("name is required")).toBeVisible();
  await expect(page).toHaveURL(/\/schedules\/new$/);
});

test("a length given as % of budget previews for the default tier and exports for the budget picked", async ({ page }) => {
  await signInLocally(page, "/schedules/new");
  await page.getByTestId("kind-select").selectOption("multiStep");
  await page.getByTestId("unit-milestones").selectOption("percent");
  await page.getByLabel(/^milestones/i).fill("50, 75");
  await expect(page.getByTestId("preview-budget-note")).toContainText("30 epochs (ps10-noise smoke, the default)");
  await expect(page.getByTestId("preview").locator('path[data-series="learning rate"]')).toHaveCount(1);
  // 50% and 53% of 10 epochs are both epoch 5: the preview names the field and the budget.
  await page.getByLabel(/^milestones/i).fill("50, 53");
  await page.getByTestId("preview-budget").selectOption("cifar10-wrn/smoke");
  await expect(page.getByTestId("preview")).toContainText(/milestones\[1\] must be greater than milestones\[0\].*10 epochs/);
  await page.getByLabel(/^milestones/i).fill("50, 75");

  await page.getByLabel("Name").fill("E2E relative step decay");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  const json = JSON.parse((await page.getByTestId("definition-json").textContent()) ?? "{}");
  expect(json).toMatchObject({ kind: "multiStep", milestones: ["50%", "75%"] });
  await expect(page.getByTestId("budget-note")).toContainText("ps10-noise smoke (30 epochs), the default");
  await expect(page.getByTestId("export-pytorch")).toContainText("Resolved for a budget of 30 epochs");
  await expect(page.getByTestId("export-pytorch")).toContainText("[15, 23]");

  await page.getByTestId("budget-picker").getByLabel(/task and tier/).selectOption("cifar10-wrn/full");
  await page.getByTestId("budget-picker").getByRole("button", { name: "Show" }).first().click();
  await page.waitForURL(/budget=cifar10-wrn%2Ffull/);
  await expect(page.getByTestId("export-budget")).toContainText("cifar10-wrn full (200 epochs)");
  await expect(page.getByTestId("export-pytorch")).toContainText("[100, 150]");
});
