import { expect, type Locator, type Page } from "@playwright/test";

/** Signs in as the embedded default's local user (its first user, so an admin). */
export async function signInLocally(page: Page, callbackUrl = "/account") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("button", { name: "Continue as the local user" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl);
  await page.getByRole("link", { name: /^Account/ }).waitFor();
}

/**
 * The chart in `panel` draws the series `name`: an SVG path as the server renders it, or, once the
 * browser has replaced the SVG by the interactive canvas, the series' entry in its legend.
 */
export async function expectSeries(panel: Locator, name: string) {
  await expect(panel.locator(`path[data-series="${name}"]`).or(panel.getByRole("button", { name, exact: true })).first()).toBeAttached();
}

/** The panel holds a chart with at least one series, drawn by the server or made interactive. */
export async function expectChart(panel: Locator) {
  await expect(panel.locator("path[data-series]").or(panel.locator('[data-testid="interactive-chart"][data-enhanced="1"]')).first()).toBeAttached();
}
