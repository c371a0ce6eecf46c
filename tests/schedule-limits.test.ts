import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as schedulesRoute from "@/app/api/v1/schedules/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { testDatabases } from "./helpers/databases";

const BASE = "http://lrbench.test/api/v1/schedules";

describe.each(testDatabases)("schedule definition limits through POST /api/v1/schedules on $name", ({ open }) => {
  let handle: DbHandle;
  let secret: string;

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    const user = await createUser(handle.db, { email: "sizes@example.org" });
    secret = (await createApiToken(handle.db, { userId: user.id, name: "t", scopes: ["schedules:write"] })).secret;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const postJson = (name: string, definitionJson: string) =>
    schedulesRoute.POST(
      new Request(BASE, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: `{"name": ${JSON.stringify(name)}, "visibility": "public", "definition": ${definitionJson}}`,
      }),
    );
  const post = (name: string, definition: unknown) => postJson(name, JSON.stringify(definition));
  const stored = async () => ((await (await schedulesRoute.GET(new Request(BASE))).json()).schedules as { name: string }[]).map((s) => s.name);

  it("refuses 40,000 milestones with 422 naming the field and the limit, storing nothing", async () => {
    const milestones = Array.from({ length: 40_000 }, (_, i) => i + 1);
    const response = await post("too many milestones", { kind: "multiStep", lr: 0.1, milestones });
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toBe("definition: milestones must have at most 1000 entries");
    expect(await stored()).not.toContain("too many milestones");
  });

  it("refuses a sequence nested 5,000 deep with 422, not a 500", async () => {
    // Written as text: JSON.stringify itself recurses, and would overflow first.
    const open = '{"kind": "sequence", "milestones": [1], "schedules": ['.repeat(5000);
    const close = ', {"kind": "constant", "lr": 1}]}'.repeat(5000);
    const response = await postJson("too deep", `${open}{"kind": "constant", "lr": 0.1}${close}`);
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/^definition: schedules\[0\].* is a sequence nested 9 deep; sequences may nest at most 8 deep$/);
    expect(await stored()).not.toContain("too deep");
  });

  it("accepts a definition at the limits", async () => {
    const milestones = Array.from({ length: 1000 }, (_, i) => 200 * (i + 1));
    expect((await post("at the limit", { kind: "multiStep", lr: 0.1, milestones })).status).toBe(201);
  });
});
