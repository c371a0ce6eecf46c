import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

import * as schedulesRoute from "@/app/api/v1/schedules/route";
import * as heartbeatRoute from "@/app/api/v1/worker/jobs/[id]/heartbeat/route";
import { registerWorker } from "@/db/queries/workers";
import { setDbForTesting, type DbHandle } from "@/db";
import { createApiToken } from "@/db/queries/tokens";
import { createUser } from "@/db/queries/users";
import { seedDb } from "@/db/seed";
import { testDatabases } from "./helpers/databases";

const BASE = "http://lrbench.test/api/v1/schedules";

function post(secret: string, body: string, ip = "203.0.113.7") {
  return schedulesRoute.POST(
    new Request(BASE, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "x-forwarded-for": ip },
      body,
    }),
  );
}

const validBody = JSON.stringify({ name: "limits", visibility: "public", definition: { kind: "constant", lr: 0.1 } });

describe.each(testDatabases)("abuse limits on $name", ({ open }) => {
  let handle: DbHandle;
  let secret: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    handle = await open();
    setDbForTesting(handle);
    await seedDb(handle.db);
    const user = await createUser(handle.db, { email: "limits@example.org" });
    secret = (await createApiToken(handle.db, { userId: user.id, name: "t", scopes: ["schedules:write"] })).secret;
  });
  afterAll(async () => {
    process.env = saved;
    await handle?.close();
  });

  it("refuses a body over the limit with 413 naming the limit, and stores nothing", async () => {
    process.env.LRBENCH_BODY_LIMIT_BYTES = "200";
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000";
    const huge = JSON.stringify({ name: "x".repeat(500), visibility: "public", definition: { kind: "constant", lr: 0.1 } });
    const response = await post(secret, huge);
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.message).toContain("200 bytes");
    const list = await (await schedulesRoute.GET(new Request(BASE))).json();
    expect(list.schedules.some((s: { name: string }) => s.name.startsWith("xxx"))).toBe(false);
    delete process.env.LRBENCH_BODY_LIMIT_BYTES;
  });

  it("answers 422 naming the field for an invalid definition, and 400 for broken JSON", async () => {
    const bad = await post(secret, JSON.stringify({ name: "bad", visibility: "public", definition: { kind: "multiStep", lr: 0.1, milestones: [5, 2] } }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toContain("milestones[1] must be greater than milestones[0]");
    const broken = await post(secret, "{name:");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/not valid JSON/);
  });

  it("rate-limits writes per token across requests with 429 and Retry-After", async () => {
    process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN = "3";
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000";
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      // Different client addresses: the token's own limit must hold regardless of where it calls from.
      last = await post(secret, validBody, `198.51.100.${i}`);
      statuses.push(last.status);
    }
    // The first window may already hold earlier writes of this token from the tests above.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await last!.json()).error.message).toMatch(/at most 3 a minute/);
    delete process.env.LRBENCH_RATE_LIMIT_TOKEN_PER_MIN;
  });

  it("rate-limits writes per client address, as the trusted proxy saw it", async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "2";
    process.env.LRBENCH_TRUSTED_PROXY = "1";
    const statuses = [];
    // The proxy appends the address it saw; what the client wrote before it is ignored.
    for (let i = 0; i < 3; i++) statuses.push((await post(secret, validBody, `10.9.9.${i}, 192.0.2.99`)).status);
    expect(statuses).toEqual([201, 201, 429]);
    expect((await post(secret, validBody, "192.0.2.98")).status).toBe(201);
    delete process.env.LRBENCH_TRUSTED_PROXY;
  });

  it("is not escaped by a new X-Forwarded-For on every request when no proxy is trusted", async () => {
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "2";
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(secret, validBody, `198.18.0.${i}`)).status);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(2);
    expect(statuses.slice(2)).toEqual([429, 429]);
  });

  it("gives worker tokens a budget of their own instead of the per-address one", async () => {
    const admin = await createUser(handle.db, { email: "limits-admin@example.org", role: "admin" });
    const worker = (await registerWorker(handle.db, { name: "fast-epochs", ownerId: admin.id })).secret;
    const beat = () =>
      heartbeatRoute.POST(
        new Request("http://lrbench.test/x", {
          method: "POST",
          headers: { authorization: `Bearer ${worker}`, "content-type": "application/json", "x-forwarded-for": "192.0.2.50" },
          body: JSON.stringify({ attemptId: "00000000-0000-4000-8000-000000000000" }),
        }),
        { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000001" }) },
      );
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "2";
    process.env.LRBENCH_RATE_LIMIT_WORKER_PER_MIN = "4";
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await beat()).status);
    // 409: past the limits, the handler answers that this attempt holds no such job.
    expect(statuses).toEqual([409, 409, 409, 409, 429]);
    delete process.env.LRBENCH_RATE_LIMIT_WORKER_PER_MIN;
  });

  it("never returns database detail: an internal failure is an opaque 500", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    process.env.LRBENCH_RATE_LIMIT_IP_PER_MIN = "1000";
    await handle.db.execute("alter table schedules rename to schedules_away");
    try {
      const response = await post(secret, validBody, "192.0.2.200");
      expect(response.status).toBe(500);
      const body = await response.json();
      expect(body).toEqual({ error: { code: "internal", message: "Internal error; it has been logged." } });
      expect(errors).toHaveBeenCalled();
    } finally {
      await handle.db.execute("alter table schedules_away rename to schedules");
      errors.mockRestore();
    }
  });
});
