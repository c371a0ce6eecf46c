import { expect, test } from "@playwright/test";
import { signInLocally } from "./helpers";

/** A 30-epoch ps10-noise log (the smoke tier's budget) of a constant rate of 0.05. */
function constantLog(): string {
  const rows = ["epoch,accuracy,loss,val_accuracy,val_loss,learning_rate"];
  for (let epoch = 0; epoch < 30; epoch++) rows.push([epoch, 0.4 + epoch / 100, 1, 0.35 + epoch / 100, 1.1, 0.05].join(","));
  return `${rows.join("\n")}\n`;
}

test("a schedule goes from the form to an upload, shows its result with the leaderboard's rank, forks, edits, and its run is renamed and deleted", async ({ page }) => {
  await signInLocally(page, "/schedules/new");
  await page.getByTestId("kind-select").selectOption("constant");
  // The preview draws the task's StepDecay behind the new curve.
  await expect(page.getByTestId("recipe-overlay")).toContainText("StepDecay · ps10-noise recipe");
  await page.locator('input[name="field.lr"]').fill("0");
  await expect(page.getByTestId("field-warning")).toHaveText("Learning rate is 0: the weights never change.");
  await page.locator('input[name="field.lr"]').fill("0.05");
  await expect(page.getByTestId("field-warning")).toHaveCount(0);
  await page.getByLabel("Name", { exact: true }).fill("E2E loop constant");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  const scheduleUrl = page.url();
  const scheduleId = scheduleUrl.split("/").pop()!;
  const actions = page.getByTestId("schedule-actions");
  await expect(actions.getByRole("link", { name: "Edit" })).toBeVisible();
  await expect(page.getByTestId("schedule-results")).toContainText("No finished runs of this schedule yet");

  // The upload form says, before uploading, whether and where the run will be ranked.
  await page.goto("/runs/upload");
  await page.getByLabel("Log file").setInputFiles({ name: "training.log", mimeType: "text/csv", buffer: Buffer.from(constantLog()) });
  await page.getByLabel("Task").selectOption("ps10-noise");
  await page.getByLabel("Tier").selectOption("smoke");
  const outlook = page.getByTestId("ranking-outlook");
  await expect(outlook).toContainText("Not ranked: without the schedule it followed");
  await page.getByLabel("Schedule (optional)").selectOption({ label: "E2E loop constant" });
  await expect(outlook).toContainText("as a seed of 'E2E loop constant'");
  await expect(outlook).toContainText("at most 30 epochs");
  await page.getByLabel("Seed (optional)").fill("0");
  await page.getByRole("button", { name: "Upload" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runUrl = page.url();

  // The schedule page: its result on the board, with the board's rank, and a link to the row.
  await page.goto(scheduleUrl);
  const result = page.getByTestId("schedule-results").getByTestId("result-row");
  await expect(result).toHaveCount(1);
  await expect(result).toContainText("ps10-noise · smoke");
  await expect(result).toContainText("self-reported");
  await expect(result).toContainText("unranked");
  await expect(result.getByRole("link", { name: "vs the StepDecay recipe" })).toHaveAttribute("href", new RegExp(`b=${scheduleId}&task=ps10-noise&tier=smoke`));
  await result.getByRole("link", { name: "leaderboard row" }).click();
  await page.waitForURL(/\/leaderboard\?/);
  await expect(page.locator(`#row-${scheduleId}-uploaded-none`)).toContainText("E2E loop constant");

  // Measured now: no edit, a fork instead, which starts from its definition and name.
  await page.goto(scheduleUrl);
  await expect(actions.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByText("fork it to make a variant")).toBeVisible();
  await actions.getByRole("link", { name: "Fork" }).click();
  await page.waitForURL(/\/schedules\/new\?fork=/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("E2E loop constant (fork)");
  await expect(page.locator('input[name="field.lr"]')).toHaveValue("0.05");
  await page.locator('input[name="field.lr"]').fill("0.02");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toBe(scheduleUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E loop constant (fork)");

  // The fork has no results yet, so its owner edits it in place.
  await page.getByTestId("schedule-actions").getByRole("link", { name: "Edit" }).click();
  await page.waitForURL(/\/edit$/);
  await page.getByLabel("Name", { exact: true }).fill("E2E loop constant 0.02");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E loop constant 0.02");
  expect(JSON.parse((await page.getByTestId("definition-json").textContent()) ?? "{}")).toMatchObject({ kind: "constant", lr: 0.02 });

  // The upload's owner renames it, then deletes it; the schedule page then has no result.
  await page.goto(runUrl);
  const owner = page.getByTestId("run-owner-actions");
  await owner.getByRole("button", { name: "Rename" }).click();
  await owner.getByLabel("Run name").fill("constant 0.05, seed 0");
  await owner.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("constant 0.05, seed 0");
  page.once("dialog", (dialog) => dialog.accept());
  await owner.getByRole("button", { name: "Delete run" }).click();
  await page.waitForURL(/\/runs$/);
  await page.goto(scheduleUrl);
  await expect(page.getByTestId("schedule-results")).toContainText("No finished runs of this schedule yet");
});

test("the gallery filters by kind and words, and the leaderboard overview links its cells", async ({ page }) => {
  await page.goto("/schedules");
  await page.getByTestId("kind-filter").selectOption("cosine");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/kind=cosine/);
  await expect(page.getByTestId("schedule-gallery").getByRole("heading", { name: "Cosine annealing", exact: true })).toBeVisible();
  await expect(page.getByTestId("schedule-gallery").getByRole("heading", { name: /^StepDecay/ })).toHaveCount(0);
  await expect(page.getByTestId("curve-axes").first()).toContainText(/\d+ (epochs|iterations)$/);
  await page.getByLabel("Search").fill("no schedule is called this");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("gallery-count")).toHaveText("0 schedules of kind Cosine annealing (CosineAnnealingLR) matching 'no schedule is called this'.");

  await page.goto("/leaderboard/overview");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leaderboard overview");
});
