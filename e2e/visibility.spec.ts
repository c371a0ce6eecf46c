import { expect, test } from "@playwright/test";
import { signInLocally } from "./helpers";

test("a private schedule and its replays are its owner's: a visitor gets 404 and never sees its name", async ({ page, browser, baseURL }) => {
  const name = "E2E private schedule";
  await signInLocally(page, "/schedules/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Visibility").selectOption("private");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await page.waitForURL(/\/schedules\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  // The owner queues a replay and follows it, as for any schedule.
  const replays = page.getByTestId("replays");
  await replays.getByLabel("Seeds").fill("0");
  await replays.getByRole("button", { name: "Queue replays" }).click();
  await expect(replays.getByText(/Queued 1 replay/)).toBeVisible();
  await expect(replays.getByTestId("jobs-table").getByRole("row").nth(1)).toContainText("queued");
  await page.goto("/account");
  await expect(page.getByTestId("own-schedules")).toContainText(name);

  const visitor = await browser.newContext({ baseURL });
  const anonymous = await visitor.newPage();
  expect((await anonymous.goto(`/schedules/${id}`))?.status()).toBe(404);
  for (const path of ["/schedules", "/runs", "/head-to-head"]) {
    await anonymous.goto(path);
    await expect(anonymous.getByText(name), path).toHaveCount(0);
  }
  for (const path of ["/api/v1/jobs", `/api/v1/jobs?schedule=${id}`, "/api/v1/runs", "/api/v1/schedules"]) {
    const body = await (await visitor.request.get(path)).text();
    expect(body, path).not.toContain(id);
    expect(body, path).not.toContain(name);
  }
  await visitor.close();
});
