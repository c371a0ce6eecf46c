import { expect, test } from "@playwright/test";
import { OAuth2Server } from "oauth2-mock-server";
import { oidcIssuerPort, oidcPort } from "../playwright.config";

const base = `http://127.0.0.1:${oidcPort}`;
const issuer = new OAuth2Server();

test.use({ baseURL: base });

test.beforeAll(async () => {
  await issuer.issuer.keys.generate("RS256");
  issuer.service.on("beforeTokenSigning", (token) => {
    token.payload.email = "oidc-user@example.org";
    token.payload.name = "OIDC User";
  });
  await issuer.start(oidcIssuerPort, "127.0.0.1");
});

test.afterAll(async () => {
  await issuer.stop();
});

test("sign in through OpenID Connect, create a token, use it, revoke it, and see it refused", async ({ page, request }) => {
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Continue as the local user" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.waitForURL(`${base}/account`);
  await expect(page.getByTestId("account-email")).toHaveText("oidc-user@example.org");
  // The first user of an embedded database is its admin.
  await expect(page.getByRole("heading", { name: "Workers" })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("ci uploads");
  await page.getByLabel("schedules:write").check();
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^lrb_[A-Za-z0-9_-]{43}$/);

  const auth = { Authorization: `Bearer ${secret}` };
  const me = await request.get(`${base}/api/v1/me`, { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { email: "oidc-user@example.org", role: "admin" }, via: "token", scopes: ["schedules:write"] });
  const created = await request.post(`${base}/api/v1/schedules`, {
    headers: auth,
    data: { name: "From CI", visibility: "public", definition: { kind: "step", lr: 0.1, stepSize: 30 } },
  });
  expect(created.status()).toBe(201);

  await page.reload();
  const row = page.getByTestId("token-table").getByRole("row", { name: /ci uploads/ });
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke ci uploads" }).click();
  await expect(row).toContainText("revoked");

  const refused = await request.get(`${base}/api/v1/me`, { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "The bearer token has been revoked." } });
});
