import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as localRoute from "@/app/auth/local/route";
import * as signoutRoute from "@/app/auth/signout/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { getSessionUser } from "@/db/queries/sessions";
import { testDatabases } from "./helpers/databases";

const SITE = "http://lrbench.test";

function signIn(callbackUrl: string, headers: Record<string, string> = { "sec-fetch-site": "same-origin", origin: SITE }) {
  const body = new URLSearchParams({ callbackUrl });
  return localRoute.POST(
    new Request(`${SITE}/auth/local`, {
      method: "POST",
      headers: { host: "lrbench.test", "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    }),
  );
}

function signOut(sessionToken: string, headers: Record<string, string>) {
  return signoutRoute.POST(
    new Request(`${SITE}/auth/signout`, { method: "POST", headers: { host: "lrbench.test", cookie: `next-auth.session-token=${sessionToken}`, ...headers } }),
  );
}

const sessionOf = (response: Response) => /next-auth\.session-token=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];

describe.each(testDatabases)("the local sign-in and sign-out forms on $name", ({ open }) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
  });
  beforeEach(() => {
    vi.stubEnv("LRBENCH_LOCAL_SIGNIN", "1");
    vi.stubEnv("NEXTAUTH_URL", SITE);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await handle?.close();
  });

  it.each([["/\\evil.example"], ["/\t/evil.example"], ["//evil.example"], ["https://evil.example/"]])(
    "never redirects to another host after sign-in (callbackUrl %j)",
    async (callbackUrl) => {
      const response = await signIn(callbackUrl);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/account");
    },
  );

  it("returns to a path on this site", async () => {
    const response = await signIn("/schedules/new?from=gallery");
    expect(response.headers.get("location")).toBe("/schedules/new?from=gallery");
  });

  it.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site", origin: "http://other.lrbench.test" }],
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
  ])("refuses a sign-in posted from another site (%s) with 403 and no session", async (_what, headers) => {
    const response = await signIn("/account", headers);
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a sign-out posted from another site, and signs out from this one", async () => {
    const session = sessionOf(await signIn("/account"));
    expect(session).toBeTruthy();
    const crossSite = await signOut(session!, { "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await getSessionUser(handle.db, session!)).not.toBeNull();
    const sameSite = await signOut(session!, { "sec-fetch-site": "same-origin", origin: SITE });
    expect(sameSite.status).toBe(303);
    expect(await getSessionUser(handle.db, session!)).toBeNull();
  });
});
