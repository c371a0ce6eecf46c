import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { embeddedDataDir, embeddedPort } from "../playwright.config";

// Nine real ps10-noise smoke replays (StepDecay, AutoDecay and constant 0.01, seeds 0-2): a few minutes with
// the torch engine on two cores, which .ci/run installs; pure-JS tfjs would take several times longer.
test.setTimeout(1_500_000);

test("the embedded default's local worker finishes the baseline replays, and the home page shows their head-to-head", async ({ page }) => {
  const base = `http://127.0.0.1:${embeddedPort}`;
  const tokenFile = path.join(embeddedDataDir, "local-worker-token");
  await expect.poll(() => existsSync(tokenFile), { timeout: 60_000, message: `the server writes ${tokenFile} at start` }).toBe(true);

  await page.goto(`${base}/`);
  const panel = page.getByTestId("head-to-head");
  await expect(panel).toContainText("No finished runs of both yet (0 and 0 seeds)");

  // What scripts/start.mjs runs beside the server.
  const worker = spawn(process.execPath, ["bin/lrbench.mjs", "worker", "--server", base, "--engine", "auto", "--tasks", "ps10-noise", "--tiers", "smoke"], {
    env: { ...process.env, LRBENCH_WORKER_TOKEN: readFileSync(tokenFile, "utf8").trim() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  worker.stdout.on("data", (chunk) => (output += chunk));
  worker.stderr.on("data", (chunk) => (output += chunk));
  // The worker runs to the end of the test: the control's replays come after the featured ones.
  try {
    await expect
      .poll(
        async () => {
          await page.goto(`${base}/`);
          return (await panel.textContent()) ?? "";
        },
        { timeout: 840_000, intervals: [10_000], message: "the featured replays finish" },
      )
      .toContain("Paired by seed (3 seeds)");
    expect(output).toMatch(/engine: torch/);
    await expect(panel).toContainText("(3 seeds)");
    await expect(panel.getByTestId("head-to-head-accuracy")).toBeVisible();
    await expect(panel.getByText(/p = \d\.\d{3}/).first()).toBeVisible();

    // The replays are real results everywhere else too: the leaderboard ranks both, verified.
    await page.goto(`${base}/leaderboard?task=ps10-noise&tier=smoke&source=replayed`);
    await expect(page.getByRole("row", { name: /StepDecay/ })).toContainText("3");
    await expect(page.getByRole("row", { name: /AutoDecay/ })).toBeVisible();

    // AutoDecay acts within the budget on every seed.
    await page.goto(`${base}/`);
    const autoDecayRow = panel.getByTestId("decay-epochs").getByRole("row", { name: /^AutoDecay/ });
    await expect(autoDecayRow).not.toContainText("none");
    if (process.env.LRBENCH_SCREENSHOTS === "1") {
      await page.goto(`${base}/head-to-head?task=ps10-noise&tier=smoke`);
      await expect(page.getByTestId("head-to-head-rates").getByTestId("interactive-chart")).toHaveAttribute("data-enhanced", "1");
      await page.screenshot({ path: "public/head-to-head.png", fullPage: true });
    }

    // The controls are one click away from the home page, and the small-rate control's replays finish after the featured ones.
    await page.goto(`${base}/`);
    const controlLink = page.getByTestId("featured-controls").getByRole("link", { name: "StepDecay vs Constant 0.01 (control)" });
    const controlHref = await controlLink.getAttribute("href");
    expect(controlHref).toMatch(/^\/head-to-head\?/);
    // Its own URL, reloaded until the replays are in (a reload right after a click can reload the page it left).
    await page.goto(`${base}${controlHref}`);
    const controlPanel = page.getByTestId("head-to-head");
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await controlPanel.textContent()) ?? "";
        },
        { timeout: 600_000, intervals: [10_000], message: "the control's replays finish" },
      )
      // While the control has no finished seed the page falls back to AutoDecay, which has 3: the name must be there too.
      .toMatch(/vs Constant 0\.01 \(control\) on ps10-noise · smoke[\s\S]*Paired by seed \(3 seeds\)/);
    // Not the fallback pair the page shows while a schedule asked for has no results.
    await expect(page.getByText("a default took its place")).toHaveCount(0);

    // The ps10 analysis reads the same replays: the stage table per schedule, and findings in words with their seeds.
    await page.goto(`${base}/analyses/ps10-noise?tier=smoke`);
    for (const name of ["StepDecay · ps10-noise recipe", "AutoDecay", "Constant 0.01 (control)"]) {
      await expect(page.getByTestId("stage-schedule").filter({ hasText: name }).getByTestId("stage-table")).toBeVisible();
    }
    const findings = page.getByTestId("finding");
    await expect(findings.first()).toContainText("over 3 seeds");
    expect(await findings.count()).toBeGreaterThanOrEqual(3);
    await expect(findings.filter({ hasText: "Noise memorised at the end" })).toContainText("paired over 3 seeds");
    if (process.env.LRBENCH_SCREENSHOTS === "1") await page.screenshot({ path: "public/analysis-ps10.png", fullPage: true });
  } finally {
    worker.kill("SIGTERM");
  }
});
