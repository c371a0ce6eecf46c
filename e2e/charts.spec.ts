import { expect, test, type Page } from "@playwright/test";
import { signInLocally } from "./helpers";

/**
 * A ps10-noise Keras log of 30 epochs whose rate decays x0.1 at epochs 15 and 25; test accuracy jumps
 * at each decay and ends at `final`. Noisy enough that smoothing changes the values read on hover.
 */
function ps10Log(final: number, seed: number): string {
  const rows = ["epoch,accuracy,loss,val_accuracy,val_loss,learning_rate"];
  for (let epoch = 0; epoch < 30; epoch++) {
    const stage = epoch < 15 ? 0 : epoch < 25 ? 1 : 2;
    const noise = ((epoch * 7 + seed * 3) % 5) * 0.01;
    const test = epoch === 29 ? final : [0.3, 0.38, final - 0.01][stage] + noise;
    rows.push([epoch, test + 0.05, 1.5 - test, test, 1.6 - test, [0.1, 0.01, 0.001][stage]].join(","));
  }
  return `${rows.join("\n")}\n`;
}

interface Seeded {
  runIds: string[];
  scheduleIds: Record<"step" | "auto", string>;
}

let seeded: Seeded | null = null;

/** Three seeds of StepDecay and of AutoDecay on ps10-noise smoke, uploaded through the API once. */
async function seed(page: Page, baseURL: string): Promise<Seeded> {
  if (seeded) return seeded;
  await signInLocally(page, "/account");
  const { schedules } = (await (await page.request.get("/api/v1/schedules")).json()) as { schedules: { id: string; name: string }[] };
  const scheduleIds = {
    step: schedules.find((s) => s.name === "StepDecay · ps10-noise recipe")!.id,
    auto: schedules.find((s) => s.name === "AutoDecay")!.id,
  };
  const runIds: string[] = [];
  // AutoDecay ends 1.0, 1.2 and 1.4 points above StepDecay on the same seed: distinguishable at 3 seeds.
  for (const [kind, finals] of [["step", [0.45, 0.46, 0.47]], ["auto", [0.46, 0.472, 0.484]]] as const) {
    for (const [s, final] of finals.entries()) {
      const response = await page.request.post("/api/v1/runs/upload", {
        headers: { origin: baseURL },
        multipart: {
          file: { name: "training.log", mimeType: "text/csv", buffer: Buffer.from(ps10Log(final, s)) },
          taskId: "ps10-noise",
          tier: "smoke",
          scheduleId: scheduleIds[kind],
          seed: String(s),
          name: `e2e ${kind} seed ${s}`,
        },
      });
      expect(response.status(), await response.text()).toBe(201);
      runIds.push(((await response.json()) as { run: { id: string } }).run.id);
    }
  }
  seeded = { runIds, scheduleIds };
  return seeded;
}

/** LRBENCH_SCREENSHOTS=1 refreshes the README's screenshots in public/ from these pages. */
async function screenshot(page: Page, name: string) {
  if (process.env.LRBENCH_SCREENSHOTS === "1") await page.screenshot({ path: `public/${name}.png`, fullPage: true });
}

const chart = (page: Page) => page.getByTestId("compare-chart").getByTestId("interactive-chart");

test.describe("interactive charts on a desktop", () => {
  test("the compare page reads values on hover, zooms and resets, toggles series, switches to log and smooths", async ({ page, baseURL }) => {
    const { runIds } = await seed(page, baseURL!);
    // uPlot's stylesheet and the inline styles it sets must pass the Content-Security-Policy.
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    await page.goto(`/compare?runs=${runIds.join(",")}&metric=test_acc&axis=epoch`);
    await expect(chart(page)).toHaveAttribute("data-enhanced", "1");
    const plot = chart(page).locator(".u-over");
    const box = (await plot.boundingBox())!;

    // Hover: one value per visible series at that epoch.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const readout = chart(page).getByTestId("chart-readout");
    await expect(readout).toContainText("epoch");
    await expect(readout.locator("[data-value]")).toHaveCount(8); // 6 seeds and 2 means
    await expect(readout).toContainText("e2e auto seed 2");
    await screenshot(page, "compare");

    // Drag to zoom: the range narrows and finer points are fetched; a double-click resets it.
    let seriesRequests = 0;
    page.on("request", (request) => {
      if (/\/api\/v1\/runs\/[^/]+\/series\?/.test(request.url())) seriesRequests++;
    });
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect(chart(page)).toHaveAttribute("data-zoomed", "1");
    await expect(chart(page)).not.toHaveAttribute("data-fine", "0");
    // One request per run for the zoomed range, not a loop of them.
    await page.waitForTimeout(1000);
    expect(seriesRequests).toBe(6);
    await plot.dblclick();
    await expect(chart(page)).toHaveAttribute("data-zoomed", "0");

    // The legend hides a schedule's seeds, mean and band together.
    const autoEntry = chart(page).getByRole("button", { name: "AutoDecay" });
    await autoEntry.click();
    await expect(autoEntry).toHaveAttribute("aria-pressed", "false");
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    await expect(readout.locator("[data-value]")).toHaveCount(4);
    await expect(readout).not.toContainText("e2e auto");
    await autoEntry.click();
    await expect(autoEntry).toHaveAttribute("aria-pressed", "true");

    // Log scale rebuilds the y axis.
    await chart(page).getByLabel("log scale").check();
    await expect(chart(page)).toHaveAttribute("data-log", "1");

    // Smoothing: the readout shows the EMA beside the faint raw value.
    await chart(page).getByLabel("smoothing").fill("0.8");
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
    await expect(readout).toContainText("(raw ");
    expect(refused).toEqual([]);
  });

  test("the head-to-head states its verdict in words", async ({ page, baseURL }) => {
    const { scheduleIds } = await seed(page, baseURL!);
    await page.goto(`/head-to-head?task=ps10-noise&tier=smoke&a=${scheduleIds.step}&b=${scheduleIds.auto}`);
    const panel = page.getByTestId("head-to-head");
    await expect(panel.getByTestId("verdict")).toHaveText(
      /^AutoDecay is better than StepDecay · ps10-noise recipe by 1\.2 pts of final test accuracy at 3 seeds \(A − B: -1\.2 pts, 95% interval \[-1\.\d, -0\.\d\]\)\.$/,
    );
    // Only schedules with results on this task and tier are offered.
    await expect(page.getByLabel("Schedule A").locator("option")).toHaveText(["AutoDecay", "StepDecay · ps10-noise recipe"], { useInnerText: true });
    await expect(panel.getByTestId("head-to-head-rates").getByTestId("interactive-chart")).toHaveAttribute("data-enhanced", "1");
    // The README's head-to-head picture is of real replays (e2e/embedded.spec.ts), not of these uploads.
    // The same six uploads on the leaderboard: ranked among the self-reported, apart from any replay.
    await page.goto("/leaderboard?task=ps10-noise&tier=smoke&source=all");
    await expect(page.getByTestId("leaderboard-uploads")).toContainText("AutoDecay");
    await screenshot(page, "leaderboard");
  });

  test("a run page's charts become interactive, one per panel", async ({ page, baseURL }) => {
    const { runIds } = await seed(page, baseURL!);
    await page.goto(`/runs/${runIds[3]}?smooth=0.6`);
    const charts = page.locator('[data-testid="interactive-chart"][data-enhanced="1"]');
    await expect(charts).toHaveCount(3); // learning rate, loss, accuracy
    await expect(page.getByTestId("panel-accuracy").getByLabel("smoothing")).toHaveValue("0.6");
    await screenshot(page, "run");
  });
});

test.describe("a 390 px phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no page is wider than the screen", async ({ page, baseURL }) => {
    const { runIds, scheduleIds } = await seed(page, baseURL!);
    const pages = [
      "/",
      "/schedules",
      `/schedules/${scheduleIds.step}`,
      "/schedules/new",
      "/runs",
      `/runs/${runIds[0]}`,
      `/compare?runs=${runIds.join(",")}`,
      "/leaderboard",
      `/head-to-head?task=ps10-noise&tier=smoke&a=${scheduleIds.step}&b=${scheduleIds.auto}`,
      "/analyses/ps10-noise",
      "/profiles",
      "/tasks",
      "/account",
      "/runs/upload",
    ];
    const tooWide: string[] = [];
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) tooWide.push(`${path}: ${width} px`);
    }
    expect(tooWide).toEqual([]);
  });

  test("the compare chart reads values on a phone too", async ({ page, baseURL }) => {
    const { runIds } = await seed(page, baseURL!);
    await page.goto(`/compare?runs=${runIds.join(",")}`);
    await expect(chart(page)).toHaveAttribute("data-enhanced", "1");
    const box = (await chart(page).locator(".u-over").boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(390);
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect(chart(page).getByTestId("chart-readout").locator("[data-value]")).toHaveCount(8);
  });
});
