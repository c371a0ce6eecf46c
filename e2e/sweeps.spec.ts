import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInLocally } from "./helpers";

/**
 * Sweeps, divergence and the range test on their pages (issue 13). Nothing trains here: the test plays
 * the worker through the API with a worker token (claim, points, complete), so the pages show known
 * curves in seconds.
 */
test.setTimeout(120_000);

async function workerToken(page: Page, name: string): Promise<string> {
  await signInLocally(page, "/account");
  await page.getByLabel("Worker name").fill(name);
  await page.getByRole("button", { name: "Register worker" }).click();
  return (await page.getByTestId("new-secret").textContent())?.trim() ?? "";
}

/**
 * Claims every queued fashion-mnist short job and reports it: a rate above 1e30 diverges in epoch 1
 * (one finite epoch kept); the others train 5 epochs to a final accuracy that falls with the rate.
 */
async function playWorker(request: APIRequestContext, token: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}` };
  let done = 0;
  for (;;) {
    const claimed = await request.post("/api/v1/worker/claim", { headers, data: { tasks: ["fashion-mnist"], tiers: ["short"], engine: "e2e", backend: "none", device: "none" } });
    if (claimed.status() === 204) return done;
    expect(claimed.status(), await claimed.text()).toBe(200);
    const { job } = (await claimed.json()) as { job: { id: string; attemptId: string; seed: number; definition: { lr: number } } };
    const { lr } = job.definition;
    const diverges = lr > 1e30;
    const epochs = diverges ? 1 : 5;
    const final = 0.85 - 0.1 * lr + 0.005 * job.seed;
    const points = Array.from({ length: epochs }, (_, e) => [
      { name: "lr", x: e, value: lr },
      { name: "train_loss", x: e, value: diverges ? 2.3 : 0.4 + lr + 1.5 / (e + 1) },
      { name: "test_acc", x: e, value: diverges ? 0.1 : final - 0.05 * (epochs - 1 - e) },
    ]).flat();
    const sent = await request.post(`/api/v1/worker/jobs/${job.id}/points`, { headers, data: { attemptId: job.attemptId, seq: 0, points } });
    expect(sent.status(), await sent.text()).toBe(201);
    const outcome = diverges ? { outcome: "diverged", at: { epoch: 1, iteration: 3 }, reason: "the training loss is NaN (rate 1.000e+37)" } : {};
    const completed = await request.post(`/api/v1/worker/jobs/${job.id}/complete`, { headers, data: { attemptId: job.attemptId, ...outcome } });
    expect(completed.status(), await completed.text()).toBe(200);
    done++;
  }
}

test("a sweep from the schedule page: its page overlays the runs, marks the diverged ones, and plots final accuracy against the rate; a diverged run's page says so", async ({ page, baseURL }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const token = await workerToken(page, "e2e-sweeper");
  const created = await page.request.post("/api/v1/schedules", {
    headers: { origin: baseURL! },
    data: { name: "E2E plain SGD", visibility: "public", definition: { kind: "constant", lr: 0.1 } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { schedule } = (await created.json()) as { schedule: { id: string } };

  await page.goto(`/schedules/${schedule.id}`);
  await page.getByTestId("sweep-link").click();
  await page.waitForURL(/\/sweeps\/new\?schedule=/);
  await expect(page.getByLabel("Schedule to sweep")).toHaveValue(schedule.id);
  // A value that breaks the definition is named, and nothing is queued.
  await page.getByLabel("Values").fill("0.5, -1");
  await page.getByLabel("Tier").selectOption("short");
  await page.getByLabel("Seeds").fill("0, 1");
  await page.getByRole("button", { name: "Queue the sweep" }).click();
  await expect(page.getByTestId("sweep-form").getByRole("alert")).toContainText("values[1]: lr = -1 makes the definition invalid");
  await page.getByLabel("Values").fill("1e37, 0.5, 0.1, 0.01");
  await page.getByRole("button", { name: "Queue the sweep" }).click();
  await page.waitForURL(/\/sweeps\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E plain SGD: lr over 1e+37, 0.5, 0.1, 0.01");
  await expect(page.getByText("8 of 8 replays still queued or running")).toBeVisible();

  expect(await playWorker(page.request, token)).toBe(8);
  await page.reload();
  await expect(page.getByText("8 replays, all done.")).toBeVisible();
  await expect(page.getByText("Diverged (a training loss or rate that stopped being finite, a result): lr=1e+37 (2 of 2)")).toBeVisible();

  // The overlay: one legend entry per rate, the loss on a log scale, the diverged runs marked and listed.
  const overlay = page.getByTestId("sweep-overlay");
  const lossChart = overlay.getByTestId("interactive-chart").first();
  await expect(lossChart).toHaveAttribute("data-enhanced", "1");
  await expect(lossChart).toHaveAttribute("data-log", "1");
  for (const rate of ["1e+37", "0.5", "0.1", "0.01"]) await expect(lossChart.getByRole("button", { name: `lr=${rate}` })).toBeVisible();
  await expect(overlay.getByTestId("sweep-diverged")).toHaveText(/lr=1e\+37 seed 0: diverged at epoch 1.*lr=1e\+37 seed 1: diverged at epoch 1/);

  // Final accuracy against log10(rate), with 95% intervals over the two seeds; the diverged rate has none.
  const final = page.getByTestId("sweep-final");
  await expect(final.getByTestId("chart-canvas").first()).toBeVisible();
  const row = (rate: string) => page.getByTestId("sweep-table").getByRole("row").filter({ hasText: new RegExp(`^${rate.replace("+", "\\+")}`) });
  await expect(row("0.01")).toContainText(/85\.\d% ± \d+\.\d%/);
  await expect(row("1e+37")).toContainText("2 diverged");
  await expect(row("1e+37")).toContainText("–");

  // A diverged run's page.
  await overlay.getByTestId("sweep-diverged").getByRole("link", { name: /seed 0/ }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("diverged")).toContainText("Diverged: ");
  await expect(page.getByTestId("diverged")).toContainText("epoch 1");
  await expect(page.getByTestId("diverged")).toContainText("A result, not a failure");
  expect(pageErrors).toEqual([]);
});

test("a range test's page suggests bounds, and its 'create CLR' button opens the form prefilled; saving gives a valid schedule", async ({ page, baseURL }) => {
  await signInLocally(page, "/account");
  // lr from 1e-6 to 10 over 100 steps; the loss falls around 3e-3 and blows up past 0.3.
  const rows = Array.from({ length: 100 }, (_, i) => {
    const lr = 1e-6 * 10 ** ((7 * i) / 99);
    const decade = Math.log10(lr);
    const loss = 2.3 - 2 / (1 + Math.exp(-3 * (decade + 2.5))) + (lr > 0.3 ? Math.exp(5 * (decade + 0.5)) : 0) + (i % 2 ? -0.02 : 0.02);
    return `${i},${lr},${loss}`;
  });
  const uploaded = await page.request.post("/api/v1/runs/upload", {
    headers: { origin: baseURL! },
    multipart: { file: { name: "lr_find.csv", mimeType: "text/csv", buffer: Buffer.from(`step,lr,loss\n${rows.join("\n")}\n`) }, taskId: "fashion-mnist", tier: "smoke", name: "e2e range test" },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const { run } = (await uploaded.json()) as { run: { id: string } };

  await page.goto(`/runs/${run.id}`);
  const panel = page.getByTestId("range-test");
  const suggestions = panel.getByTestId("range-test-suggestions");
  for (const name of ["steepest", "valley", "minimum / 10", "cyclical base", "cyclical max"]) await expect(suggestions).toContainText(`${name}: `);
  const base = Number((await suggestions.getByText(/^cyclical base: /).textContent())!.replace("cyclical base: ", ""));
  const max = Number((await suggestions.getByText(/^cyclical max: /).textContent())!.replace("cyclical max: ", ""));
  expect(base).toBeGreaterThan(0);
  expect(max).toBeGreaterThan(base);

  await panel.getByRole("link", { name: "Create a CLR with these values" }).click();
  await page.waitForURL(/\/schedules\/new\?definition=/);
  await page.getByLabel("Name").fill("E2E CLR from a range test");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E2E CLR from a range test");
  const id = page.url().split("/").pop()!;
  const saved = (await (await page.request.get(`/api/v1/schedules/${id}`)).json()) as { schedule: { definition: { kind: string; baseLr: number; maxLr: number; stepSizeUp: string } } };
  expect(saved.schedule.definition).toMatchObject({ kind: "cyclic", stepSizeUp: "12.5%" });
  expect(saved.schedule.definition.baseLr).toBeCloseTo(base, 2);
  expect(saved.schedule.definition.maxLr).toBeCloseTo(max, 2);
});
