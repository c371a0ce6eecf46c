import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type DbHandle } from "../db/client";
import { lookupTokenSecret } from "../db/queries/tokens";
import { createUser, getUserByEmail } from "../db/queries/users";
import { getWorkerByName } from "../db/queries/workers";
import { testDatabases } from "../tests/helpers/databases";
import { runCli } from "../tests/helpers/cli";
import type { CliIo } from "./io";

// main() registers adminCommand(io) with the configured database; here it gets the test database instead,
// through the same openHandle parameter, so the commands still run through main's parsing and error handling.
const injected = vi.hoisted(() => ({ open: null as null | (() => Promise<DbHandle>) }));
vi.mock("./commands/admin", async (importOriginal) => {
  const original = await importOriginal<typeof import("./commands/admin")>();
  return {
    ...original,
    adminCommand: (io: CliIo) =>
      original.adminCommand(io, () => {
        if (!injected.open) throw new Error("no test database injected");
        return injected.open();
      }),
  };
});

async function expectFailure(argv: string[], message: string | RegExp) {
  const result = await runCli(argv);
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(message);
  return result;
}

/** A handle the commands may close without closing the database under the test; counts the closes. */
function sharing(handle: DbHandle) {
  const shared = { opened: 0, closed: 0 };
  injected.open = async () => {
    shared.opened++;
    return { ...handle, close: async () => void shared.closed++ };
  };
  return shared;
}

describe.each(testDatabases)("lrbench admin on $name", (database) => {
  let handle: DbHandle;
  let counts: { opened: number; closed: number };

  beforeAll(async () => {
    handle = await database.open();
    counts = sharing(handle);
  });
  afterAll(async () => {
    injected.open = null;
    await handle?.close();
  });

  it("adds users, refuses a duplicate email, and changes roles", async () => {
    const added = await runCli(["admin", "user", "add", "Alice@Example.org", "--name", "Alice", "--role", "admin"]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/created admin alice@example\.org/);
    const alice = await getUserByEmail(handle.db, "alice@example.org");
    expect(alice).toMatchObject({ name: "Alice", role: "admin" });

    expect((await runCli(["admin", "user", "add", "bob@example.org"])).code).toBe(0);
    expect((await getUserByEmail(handle.db, "bob@example.org"))?.role).toBe("researcher");

    await expectFailure(["admin", "user", "add", "ALICE@example.org"], /a user with email alice@example\.org already exists/);
    await expectFailure(["admin", "user", "add", "not-an-email"], /'not-an-email' is not an email address/);
    await expectFailure(["admin", "user", "add", "carol@example.org", "--role", "overlord"], /overlord/);

    const promoted = await runCli(["admin", "user", "role", "bob@example.org", "admin"]);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toMatch(/researcher -> admin/);
    expect((await getUserByEmail(handle.db, "bob@example.org"))?.role).toBe("admin");
    expect((await runCli(["admin", "user", "role", "bob@example.org", "researcher"])).code).toBe(0);
    expect((await getUserByEmail(handle.db, "bob@example.org"))?.role).toBe("researcher");

    await expectFailure(["admin", "user", "role", "nobody@example.org", "admin"], /no user with email nobody@example\.org.*lrbench admin user add/);
    await expectFailure(["admin", "user", "role", "bob@example.org", "king"], /king/);
  });

  it("creates a token, printing only its secret on stdout", async () => {
    const created = await runCli(["admin", "token", "create", "--user", "alice@example.org", "--scopes", "runs:write,jobs:submit", "--name", "ci"]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^lrb_[A-Za-z0-9_-]{43}\n$/);
    const secret = created.stdout.trim();
    expect(created.stderr).toContain(secret.slice(0, 12));
    expect(created.stderr).not.toContain(secret);
    expect(created.stderr).toMatch(/runs:write, jobs:submit/);
    expect(created.stderr).toMatch(/expires: never/);

    const lookup = await lookupTokenSecret(handle.db, secret);
    expect(lookup.status).toBe("valid");
    if (lookup.status !== "valid") return;
    expect(lookup.token.scopes).toEqual(["runs:write", "jobs:submit"]);
    expect(lookup.token.name).toBe("ci");
    expect(lookup.token.expiresAt).toBeNull();
    expect(lookup.user.email).toBe("alice@example.org");
  });

  it("sets the expiry with --expires", async () => {
    const before = Date.now();
    const created = await runCli(["admin", "token", "create", "--user", "bob@example.org", "--scopes", "schedules:write", "--expires", "30"]);
    expect(created.code).toBe(0);
    const lookup = await lookupTokenSecret(handle.db, created.stdout.trim());
    expect(lookup.status).toBe("valid");
    if (lookup.status !== "valid") return;
    const expected = before + 30 * 86_400_000;
    expect(lookup.token.expiresAt!.getTime()).toBeGreaterThanOrEqual(expected - 1000);
    expect(lookup.token.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000 + 1000);
    expect(created.stderr).toContain(lookup.token.expiresAt!.toISOString());
  });

  it("explains an unknown user, bad scopes and a bad --expires", async () => {
    await expectFailure(
      ["admin", "token", "create", "--user", "ghost@example.org", "--scopes", "runs:write"],
      /no user with email ghost@example\.org.*lrbench admin user add ghost@example\.org/,
    );
    await expectFailure(["admin", "token", "create", "--user", "alice@example.org", "--scopes", "runs:write,root"], /scope 'root' is not one of/);
    await expectFailure(["admin", "token", "create", "--user", "alice@example.org", "--scopes", ","], /scopes must name at least one of/);
    for (const bad of ["0", "-1", "1.5", "soon"]) {
      await expectFailure(
        ["admin", "token", "create", "--user", "alice@example.org", "--scopes", "runs:write", "--expires", bad],
        /--expires must be an integer >= 1/,
      );
    }
    await expectFailure(["admin", "token", "create", "--scopes", "runs:write"], /--user/);
  });

  it("revokes a token by prefix, once", async () => {
    const created = await runCli(["admin", "token", "create", "--user", "alice@example.org", "--scopes", "runs:write"]);
    const secret = created.stdout.trim();
    const prefix = secret.slice(0, 12);
    const revoked = await runCli(["admin", "token", "revoke", prefix]);
    expect(revoked.stderr).toBe("");
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(prefix);
    expect((await lookupTokenSecret(handle.db, secret)).status).toBe("revoked");

    await expectFailure(["admin", "token", "revoke", prefix], new RegExp(`no active token has prefix ${prefix}`));
    await expectFailure(["admin", "token", "revoke", "lrb_zzzzzzzz"], /no active token has prefix lrb_zzzzzzzz/);
    await expectFailure(["admin", "token", "revoke", "abc"], /expected a token prefix 'abc'/);
    // A whole secret pasted by mistake is refused and not echoed.
    const other = (await runCli(["admin", "token", "create", "--user", "alice@example.org", "--scopes", "runs:write"])).stdout.trim();
    const pasted = await expectFailure(["admin", "token", "revoke", other], /expected a token prefix/);
    expect(pasted.stderr).not.toContain(other);
    expect((await lookupTokenSecret(handle.db, other)).status).toBe("valid");
  });

  it("registers a worker owned by the first admin, or by --owner, and prints its token once", async () => {
    const registered = await runCli(["admin", "worker", "register", "gpu-1"]);
    expect(registered.code).toBe(0);
    expect(registered.stdout).toMatch(/^lrb_[A-Za-z0-9_-]{43}\n$/);
    expect(registered.stderr).toMatch(/registered worker 'gpu-1'.*owned by alice@example\.org/);
    const lookup = await lookupTokenSecret(handle.db, registered.stdout.trim());
    expect(lookup.status).toBe("valid");
    if (lookup.status !== "valid") return;
    expect(lookup.token.scopes).toEqual(["worker"]);
    const worker = await getWorkerByName(handle.db, "gpu-1");
    expect(lookup.token.workerId).toBe(worker!.id);
    expect(lookup.user.email).toBe("alice@example.org");

    const owned = await runCli(["admin", "worker", "register", "gpu-2", "--owner", "bob@example.org"]);
    expect(owned.code).toBe(0);
    const bobs = await lookupTokenSecret(handle.db, owned.stdout.trim());
    expect(bobs.status === "valid" && bobs.user.email).toBe("bob@example.org");
    expect((await getWorkerByName(handle.db, "gpu-2"))?.ownerId).toBe(bobs.status === "valid" ? bobs.user.id : null);
  });

  it("refuses a duplicate worker name and an unknown owner", async () => {
    const dup = await expectFailure(["admin", "worker", "register", "gpu-1"], /a worker named 'gpu-1' already exists/);
    expect(dup.stderr).not.toMatch(/unexpected|duplicate key|23505/);
    await expectFailure(["admin", "worker", "register", "gpu-3", "--owner", "ghost@example.org"], /no user with email ghost@example\.org.*lrbench admin user add/);
    expect(await getWorkerByName(handle.db, "gpu-3")).toBeNull();
  });

  it("closes the database handle after every command, failed ones included", () => {
    expect(counts.opened).toBeGreaterThan(10);
    expect(counts.closed).toBe(counts.opened);
  });

  it("asks for --owner or an admin when there is no admin", async () => {
    const empty = await database.open();
    const previous = injected.open;
    try {
      sharing(empty);
      await createUser(empty.db, { email: "only@example.org", role: "researcher" });
      await expectFailure(["admin", "worker", "register", "gpu-x"], /no admin to own the worker: pass --owner EMAIL, or create an admin/);
      expect(await getWorkerByName(empty.db, "gpu-x")).toBeNull();
      expect((await runCli(["admin", "worker", "register", "gpu-x", "--owner", "only@example.org"])).code).toBe(0);
    } finally {
      injected.open = previous;
      await empty.close();
    }
  });
});

describe("lrbench admin --help", () => {
  it("documents every command and warns about the embedded database", async () => {
    const top = await runCli(["admin", "--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: lrbench admin/);
    expect(top.stdout).toMatch(/stop the lrbench server first/);
    expect(top.stdout).toMatch(/DATABASE_URL/);
    for (const argv of [
      ["admin", "user", "--help"],
      ["admin", "user", "add", "--help"],
      ["admin", "user", "role", "--help"],
      ["admin", "token", "--help"],
      ["admin", "token", "create", "--help"],
      ["admin", "token", "revoke", "--help"],
      ["admin", "worker", "--help"],
      ["admin", "worker", "register", "--help"],
    ]) {
      const { code, stdout } = await runCli(argv);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Usage: lrbench admin/);
    }
  });
});

describe("the lrbench bin on a fresh embedded database", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lrbench-admin-data-"));
  const cwd = mkdtempSync(path.join(tmpdir(), "lrbench-admin-cwd-"));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it("adds a user and creates a token with the real bin, from another working directory", async () => {
    const bin = fileURLToPath(new URL("../bin/lrbench.mjs", import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, LRBENCH_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.POSTGRES_URL;
    delete env.LRBENCH_MIGRATIONS_DIR;
    const exec = promisify(execFile);
    const node = (args: string[]) => exec(process.execPath, [bin, ...args], { env, cwd });

    const added = await node(["admin", "user", "add", "ops@example.org", "--role", "admin"]);
    expect(added.stdout).toMatch(/created admin ops@example\.org/);
    const created = await node(["admin", "token", "create", "--user", "ops@example.org", "--scopes", "runs:write,schedules:write", "--expires", "7"]);
    expect(created.stdout).toMatch(/^lrb_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/created token lrb_/);
    await expect(node(["admin", "token", "create", "--user", "nobody@example.org", "--scopes", "runs:write"])).rejects.toMatchObject({
      code: 1,
      stdout: "",
    });

    const migrations = fileURLToPath(new URL("../db/migrations", import.meta.url));
    const handle = await openDb({ driver: "pglite", dataDir: path.join(dataDir, "pglite") }, migrations);
    try {
      const lookup = await lookupTokenSecret(handle.db, created.stdout.trim());
      expect(lookup.status).toBe("valid");
      if (lookup.status !== "valid") return;
      expect(lookup.token.scopes).toEqual(["runs:write", "schedules:write"]);
      expect(lookup.token.expiresAt).not.toBeNull();
      expect(lookup.user).toMatchObject({ email: "ops@example.org", role: "admin" });
    } finally {
      await handle.close();
    }
  }, 180_000);
});
