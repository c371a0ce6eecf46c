import type { Page } from "@playwright/test";

/** Signs in as the embedded default's local user (its first user, so an admin). */
export async function signInLocally(page: Page, callbackUrl = "/account") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByRole("button", { name: "Continue as the local user" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl);
  await page.getByRole("link", { name: /^Account/ }).waitFor();
}
