import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as localRoute from "@/app/auth/local/route";
import { LOCAL_USER_EMAIL } from "@/app/_lib/settings";
import { setDbForTesting, type DbHandle } from "@/db";
import { createUser, getUserByEmail, setUserRole, SYSTEM_USER_EMAIL } from "@/db/queries/users";
import { testDatabases } from "./helpers/databases";

const SITE = "http://lrbench.test";

const signIn = () =>
  localRoute.POST(
    new Request(`${SITE}/auth/local`, {
      method: "POST",
      headers: { host: "lrbench.test", "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", origin: SITE },
      body: new URLSearchParams({ callbackUrl: "/account" }),
    }),
  );

describe.each(testDatabases)("the embedded default's local user on $name", ({ open }) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    // As db/embedded.ts does before anyone signs in: the system account that owns the local worker.
    await createUser(handle.db, { email: SYSTEM_USER_EMAIL, name: "lrbench", role: "admin" });
  });
  beforeEach(() => {
    vi.stubEnv("LRBENCH_LOCAL_SIGNIN", "1");
    vi.stubEnv("NEXTAUTH_URL", SITE);
    // No DATABASE_URL: the embedded default, whichever database the test itself runs on.
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("POSTGRES_URL", "");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await handle?.close();
  });

  it("is the admin, though the system account was made first", async () => {
    expect((await signIn()).status).toBe(303);
    expect((await getUserByEmail(handle.db, LOCAL_USER_EMAIL))?.role).toBe("admin");
  });

  it("becomes the admin on a database where it was made a researcher, while no person is admin", async () => {
    const local = (await getUserByEmail(handle.db, LOCAL_USER_EMAIL))!;
    await setUserRole(handle.db, local.id, "researcher");
    await signIn();
    expect((await getUserByEmail(handle.db, LOCAL_USER_EMAIL))?.role).toBe("admin");
  });

  it("stays a researcher where a person already is admin, and the next person is a researcher", async () => {
    const local = (await getUserByEmail(handle.db, LOCAL_USER_EMAIL))!;
    await setUserRole(handle.db, local.id, "researcher");
    await createUser(handle.db, { email: "ops@example.org", role: "admin" });
    await signIn();
    expect((await getUserByEmail(handle.db, LOCAL_USER_EMAIL))?.role).toBe("researcher");
    const next = await createUser(handle.db, { email: "someone@example.org" }, { firstIsAdmin: true });
    expect(next.role).toBe("researcher");
  });
});
