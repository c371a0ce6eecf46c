import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { ANONYMOUS, assertCan, audienceOf, can, canList, canRead, EVERYONE, type Actor } from "./policy";
import { generateToken, hashToken, looksLikeToken, parseScopes } from "./tokens";

const researcher: Actor = { kind: "session", userId: "r", role: "researcher" };
const admin: Actor = { kind: "session", userId: "a", role: "admin" };
const visitorUser: Actor = { kind: "session", userId: "v", role: "visitor" };
const token = (scopes: Extract<Actor, { kind: "token" }>["scopes"], workerId: string | null = null): Actor => ({
  kind: "token",
  userId: "r",
  role: "researcher",
  tokenId: "t",
  scopes,
  workerId,
});

describe("policy", () => {
  it("lets only owners and admins change a schedule", () => {
    expect(can(researcher, "schedule:delete", { ownerId: "r" })).toBe(true);
    expect(can(researcher, "schedule:delete", { ownerId: "someone" })).toBe(false);
    expect(can(researcher, "schedule:delete", { ownerId: null })).toBe(false);
    expect(can(admin, "schedule:delete", { ownerId: "someone" })).toBe(true);
  });

  it("gives visitors and demoted users nothing to write", () => {
    expect(can(ANONYMOUS, "schedule:create")).toBe(false);
    expect(can(visitorUser, "schedule:create")).toBe(false);
    expect(can(visitorUser, "token:manage")).toBe(false);
  });

  it("keeps tokens inside their scopes and away from token management", () => {
    expect(can(token(["schedules:write"]), "schedule:create")).toBe(true);
    expect(can(token(["runs:write"]), "schedule:create")).toBe(false);
    expect(can(token(["runs:write"]), "run:upload")).toBe(true);
    expect(can(token(["runs:write", "schedules:write", "jobs:submit"]), "token:manage")).toBe(false);
    expect(can(token(["worker"], "w1"), "worker:act")).toBe(true);
    expect(can(token(["worker"]), "worker:act")).toBe(false);
    expect(can(researcher, "worker:act")).toBe(false);
  });

  it("answers 401 to visitors and 403 with the missing scope to tokens", () => {
    expect(() => assertCan(ANONYMOUS, "schedule:create")).toThrowError(expect.objectContaining({ status: 401 }));
    try {
      assertCan(token(["runs:write"]), "schedule:create");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(403);
      expect((error as AppError).message).toContain("schedules:write");
    }
  });
});

describe("visibility", () => {
  const of = (visibility: "public" | "unlisted" | "private", ownerId: string | null = "r") => ({ visibility, ownerId });

  it("reads public and unlisted things for everyone, private ones for the owner and admins", () => {
    for (const actor of [ANONYMOUS, researcher, admin, token(["worker"], "w1")]) {
      expect(canRead(audienceOf(actor), of("public"))).toBe(true);
      expect(canRead(audienceOf(actor), of("unlisted"))).toBe(true);
    }
    expect(canRead(audienceOf(researcher), of("private"))).toBe(true);
    expect(canRead(audienceOf(token(["runs:write"])), of("private"))).toBe(true);
    expect(canRead(audienceOf(admin), of("private", "someone"))).toBe(true);
    expect(canRead(audienceOf(researcher), of("private", "someone"))).toBe(false);
    expect(canRead(audienceOf(ANONYMOUS), of("private"))).toBe(false);
    // A worker token acts only as a worker, even an admin's.
    const adminsWorker: Actor = { kind: "token", userId: "a", role: "admin", tokenId: "t", scopes: ["worker"], workerId: "w1" };
    expect(canRead(audienceOf(adminsWorker), of("private", "someone"))).toBe(false);
    expect(canRead(audienceOf(visitorUser), of("private", "v"))).toBe(false);
  });

  it("lists unlisted things only for their owner and admins", () => {
    expect(canList(EVERYONE, of("public"))).toBe(true);
    expect(canList(EVERYONE, of("unlisted"))).toBe(false);
    expect(canList(audienceOf(researcher), of("unlisted"))).toBe(true);
    expect(canList(audienceOf(researcher), of("unlisted", "someone"))).toBe(false);
    expect(canList(audienceOf(admin), of("private", "someone"))).toBe(true);
  });
});

describe("tokens", () => {
  it("are lrb_-prefixed 32-byte secrets stored only as a SHA-256 hash", () => {
    const { secret, prefix, secretHash } = generateToken();
    expect(looksLikeToken(secret)).toBe(true);
    expect(Buffer.from(secret.slice(4), "base64url")).toHaveLength(32);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(12);
    expect(secretHash).toBe(hashToken(secret));
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateToken().secret).not.toBe(secret);
  });

  it("parse scopes and name an unknown one", () => {
    expect(parseScopes("runs:write, jobs:submit,runs:write")).toEqual({ ok: true, scopes: ["runs:write", "jobs:submit"] });
    expect(parseScopes("runs:write,root")).toEqual({ ok: false, message: expect.stringContaining("'root'") });
    expect(parseScopes(" ")).toMatchObject({ ok: false });
  });
});
