import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as compareRoute from "@/app/api/v1/compare/route";
import { setDbForTesting, type DbHandle } from "@/db";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { registerWorker } from "@/db/queries/workers";
import { testDatabases } from "./helpers/databases";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

// Every API route that takes an id in its path, found rather than listed, so a new one is covered too.
const routeModules = import.meta.glob<Record<string, Handler>>("../app/api/v1/**/\\[id\\]/**/route.ts");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const MALFORMED = ["not-a-uuid", "------------------------------------", "1' or '1'='1"];

describe.each(testDatabases)("malformed ids on $name", ({ open }) => {
  let handle: DbHandle;
  const callers: [string, string | null][] = [["a visitor", null]];

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    vi.stubEnv("LRBENCH_RATE_LIMIT_IP_PER_MIN", "100000");
    vi.stubEnv("LRBENCH_RATE_LIMIT_TOKEN_PER_MIN", "100000");
    const admin = await createUser(handle.db, { email: "ids-admin@example.org", role: "admin" });
    const token = await createApiToken(handle.db, { userId: admin.id, name: "ids", scopes: ["runs:write", "schedules:write", "jobs:submit"] });
    callers.push(["an admin's token", token.secret], ["a worker", (await registerWorker(handle.db, { name: "ids", ownerId: admin.id })).secret]);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await handle?.close();
  });

  it("are answered 4xx by every [id] route, for every caller, never 500", async () => {
    expect(Object.keys(routeModules).length).toBeGreaterThanOrEqual(10);
    const failures: string[] = [];
    for (const [file, load] of Object.entries(routeModules)) {
      const route = await load();
      for (const method of METHODS.filter((m) => route[m])) {
        for (const [who, secret] of callers) {
          for (const id of MALFORMED) {
            const headers: Record<string, string> = { "content-type": "application/json" };
            if (secret) headers.authorization = `Bearer ${secret}`;
            const body = method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ attemptId: "00000000-0000-4000-8000-000000000000", points: [] });
            const response = await route[method](new Request("http://lrbench.test/api", { method, headers, body }), {
              params: Promise.resolve({ id, name: "model.onnx" }),
            });
            if (response.status >= 500 || response.status < 400) failures.push(`${method} ${file} as ${who} with ${id}: ${response.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("name the id when the caller may use the route", async () => {
    const route = await routeModules["../app/api/v1/runs/[id]/artifacts/[name]/route.ts"]();
    const response = await route.GET(new Request("http://lrbench.test/api"), { params: Promise.resolve({ id: "not-a-uuid", name: "model.onnx" }) });
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toContain('"not-a-uuid"');
  });

  it("on compare, answer 422 naming runs", async () => {
    const response = await compareRoute.GET(new Request("http://lrbench.test/api/v1/compare?runs=00000000-0000-4000-8000-000000000000,not-a-uuid"));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toMatch(/^runs: "not-a-uuid" is not a run id/);
  });
});
