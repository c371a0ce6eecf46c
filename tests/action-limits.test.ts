/**
 * Server actions spend the same write budget as the API: a signed-in browser cannot write without
 * limit through the forms while the API refuses it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ sessionToken: "", address: "198.51.100.9" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && request.sessionToken ? { value: request.sessionToken } : undefined) }),
  headers: async () => new Headers({ "x-lrbench-socket-address": request.address }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { createTokenAction } from "@/app/account/actions";
import { setDbForTesting, type DbHandle } from "@/db";
import { createSession } from "@/db/queries/sessions";
import { createUser } from "@/db/queries/users";
import { seedDb } from "@/db/seed";
import { testDatabases } from "./helpers/databases";

function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe.each(testDatabases)("server action write limits on $name", ({ open }) => {
  let handle: DbHandle;
  const saved = { ...process.env };

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const user = await createUser(handle.db, { email: "forms@example.org", role: "researcher" });
    request.address = "198.51.100.9";
    request.sessionToken = `session-${Math.random()}`;
    await createSession(handle.db, { sessionToken: request.sessionToken, userId: user.id, expires: new Date(Date.now() + 3_600_000) });
    process.env.LRBENCH_SOCKET_ADDRESS_STAMPED = "1";
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "2";
  });
  afterAll(async () => {
    process.env = saved;
    await handle?.close();
  });

  it("refuses a form's write past the per-address budget, saying when to retry, and stores nothing", async () => {
    const create = (name: string) => createTokenAction({}, formData({ name, scopes: "runs:write" }));
    expect(await create("first")).toHaveProperty("secret");
    expect(await create("second")).toHaveProperty("secret");
    const refused = await create("third");
    expect(refused).not.toHaveProperty("secret");
    expect(refused).toMatchObject({ formError: expect.stringMatching(/^Too many write requests: at most 2 a minute\. Retry in \d+ s\.$/) });
    // Another client address has a budget of its own.
    request.address = "198.51.100.10";
    expect(await create("fourth")).toHaveProperty("secret");
  });
});
