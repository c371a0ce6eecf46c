import { fileURLToPath } from "node:url";
import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { openDb, resolveDbConfig, type DbHandle } from "../../db/client";
import { createApiToken, revokeToken } from "../../db/queries/tokens";
import { createUser, findFirstAdmin, getUserByEmail, setUserRole } from "../../db/queries/users";
import { getWorkerByName, registerWorker } from "../../db/queries/workers";
import { seedDb } from "../../db/seed";
import type { Role } from "../../lib/auth/policy";
import { parseScopes, TOKEN_PREFIX, TOKEN_SCOPES } from "../../lib/auth/tokens";
import { CliError, type CliIo } from "../io";

// Relative to this file, not the working directory, so `lrbench admin` works from anywhere.
const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));

const NEW_USER_ROLES = ["researcher", "admin"] as const;
const ALL_ROLES = ["visitor", "researcher", "admin"] as const satisfies readonly Role[];
// A token's prefix is what lists show: lrb_ and 8 characters of the secret.
const PREFIX_PATTERN = /^lrb_[A-Za-z0-9_-]{8}$/;
const MAX_EXPIRY_DAYS = 36_500;

const DATABASE_HELP = `
The database is the one the server uses: DATABASE_URL, else POSTGRES_URL, else the embedded
PGlite in LRBENCH_DATA_DIR (default .data).

With the embedded database, stop the lrbench server first: PGlite must not be opened by two
processes at once. Or run the server on PostgreSQL and set DATABASE_URL here too.`;

/** Opens the database the environment configures, migrated and seeded, as the server would. */
export async function openConfiguredDb(): Promise<DbHandle> {
  const handle = await openDb(resolveDbConfig(), MIGRATIONS_FOLDER);
  try {
    await seedDb(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

function expiryDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`--expires must be an integer >= 1 (days), got '${value}'.`);
  }
  if (n > MAX_EXPIRY_DAYS) throw new InvalidArgumentError(`--expires must be at most ${MAX_EXPIRY_DAYS} days, got ${n}.`);
  return n;
}

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw new CliError(`'${email}' is not an email address`);
  return trimmed.toLowerCase();
}

/** True when the error (or one it wraps: drizzle wraps driver errors) is a unique-constraint violation. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === "23505") return true;
  }
  return false;
}

export function adminCommand(io: CliIo, openHandle: () => Promise<DbHandle> = openConfiguredDb): Command {
  async function withDb<T>(work: (handle: DbHandle) => Promise<T>): Promise<T> {
    const handle = await openHandle();
    try {
      return await work(handle);
    } finally {
      await handle.close();
    }
  }

  async function userOrSuggest(handle: DbHandle, email: string, flag: string) {
    const user = await getUserByEmail(handle.db, email);
    if (!user) {
      throw new CliError(`no user with email ${email} (${flag}); create one with: lrbench admin user add ${email}`);
    }
    return user;
  }

  const admin = new Command("admin")
    .description("operator commands on the configured database: users, API tokens, workers")
    .addHelpText("after", DATABASE_HELP);

  const user = admin.command("user").description("create users and change their roles");

  user
    .command("add")
    .description("create a user (to bootstrap a deployment without a browser)")
    .argument("<email>", "the user's email address; they sign in with it")
    .option("--name <name>", "display name")
    .addOption(new Option("--role <role>", "role of the new user").choices(NEW_USER_ROLES).default("researcher"))
    .action(async (rawEmail: string, options: { name?: string; role: (typeof NEW_USER_ROLES)[number] }) => {
      const email = checkEmail(rawEmail);
      await withDb(async ({ db }) => {
        if (await getUserByEmail(db, email)) throw new CliError(`a user with email ${email} already exists`);
        let created;
        try {
          created = await createUser(db, { email, name: options.name ?? null, role: options.role });
        } catch (error) {
          if (isUniqueViolation(error)) throw new CliError(`a user with email ${email} already exists`);
          throw error;
        }
        io.stdout(`created ${created.role} ${created.email} (id ${created.id})\n`);
      });
    });

  user
    .command("role")
    .description("change a user's role")
    .argument("<email>", "the user's email address")
    .addArgument(new Argument("<role>", "the new role").choices(ALL_ROLES))
    .action(async (rawEmail: string, role: Role) => {
      const email = checkEmail(rawEmail);
      await withDb(async (handle) => {
        const found = await userOrSuggest(handle, email, "EMAIL");
        if (found.role === role) {
          io.stdout(`${email} is already ${role}\n`);
          return;
        }
        await setUserRole(handle.db, found.id, role);
        io.stdout(`${email}: ${found.role} -> ${role}\n`);
        if (!(await findFirstAdmin(handle.db))) {
          io.stderr("lrbench: note: no admin is left; make one with: lrbench admin user role EMAIL admin\n");
        }
      });
    });

  const token = admin.command("token").description("create and revoke API tokens");

  token
    .command("create")
    .description("create an API token and print its secret once, alone on standard output (details go to standard error)")
    .requiredOption("--user <email>", "the user the token acts for")
    .requiredOption("--scopes <list>", `comma-separated scopes: ${TOKEN_SCOPES.join(", ")}`)
    .option("--name <name>", "a name to recognise the token by in lists", "created with lrbench admin")
    .option("--expires <days>", "expire after this many days (default: never)", expiryDays)
    .addHelpText("after", "\nExample, capturing only the secret:\n  T=$(lrbench admin token create --user me@example.org --scopes runs:write)")
    .action(async (options: { user: string; scopes: string; name: string; expires?: number }) => {
      const scopes = parseScopes(options.scopes);
      if (!scopes.ok) throw new CliError(scopes.message);
      const email = checkEmail(options.user);
      const name = options.name.trim();
      if (!name) throw new CliError("--name must not be empty");
      await withDb(async (handle) => {
        const owner = await userOrSuggest(handle, email, "--user");
        const { token: created, secret } = await createApiToken(handle.db, {
          userId: owner.id,
          name,
          scopes: scopes.scopes,
          expiresInDays: options.expires ?? null,
        });
        io.stderr(
          `created token ${created.prefix} "${created.name}" for ${owner.email}\n` +
            `  scopes:  ${created.scopes.join(", ")}\n` +
            `  expires: ${created.expiresAt ? created.expiresAt.toISOString() : "never"}\n` +
            `The secret below is shown only this once; store it now. Revoke with: lrbench admin token revoke ${created.prefix}\n`,
        );
        io.stdout(`${secret}\n`);
      });
    });

  token
    .command("revoke")
    .description("revoke the active token with this prefix (lrb_ and 8 characters, as shown in token lists)")
    .argument("<prefix>", "the token's prefix, e.g. lrb_AbCd1234")
    .action(async (rawPrefix: string) => {
      const prefix = rawPrefix.trim();
      if (!PREFIX_PATTERN.test(prefix)) {
        // Never echo something longer: it may be a whole secret pasted by mistake.
        const shown = prefix.length <= 16 ? ` '${prefix}'` : "";
        throw new CliError(`expected a token prefix${shown}: ${TOKEN_PREFIX} followed by 8 characters, as shown in token lists`);
      }
      await withDb(async ({ db }) => {
        const revoked = await revokeToken(db, { prefix });
        if (!revoked) throw new CliError(`no active token has prefix ${prefix} (unknown, or already revoked)`);
        io.stdout(`revoked token ${revoked.prefix} "${revoked.name}"\n`);
      });
    });

  const worker = admin.command("worker").description("register self-hosted workers");

  worker
    .command("register")
    .description("register a worker and print its worker token once, alone on standard output (details go to standard error)")
    .argument("<name>", "a unique name for the worker")
    .option("--owner <email>", "the user who owns the worker (default: the first admin)")
    .action(async (rawName: string, options: { owner?: string }) => {
      const name = rawName.trim();
      if (!name) throw new CliError("the worker name must not be empty");
      const ownerEmail = options.owner === undefined ? undefined : checkEmail(options.owner);
      await withDb(async (handle) => {
        const owner = ownerEmail ? await userOrSuggest(handle, ownerEmail, "--owner") : await findFirstAdmin(handle.db);
        if (!owner) {
          throw new CliError(
            "no admin to own the worker: pass --owner EMAIL, or create an admin with: lrbench admin user add EMAIL --role admin",
          );
        }
        const duplicate = `a worker named '${name}' already exists; pick another name`;
        if (await getWorkerByName(handle.db, name)) throw new CliError(duplicate);
        let registered;
        try {
          registered = await registerWorker(handle.db, { name, ownerId: owner.id });
        } catch (error) {
          if (isUniqueViolation(error)) throw new CliError(duplicate);
          throw error;
        }
        io.stderr(
          `registered worker '${registered.worker.name}' (id ${registered.worker.id}) owned by ${owner.email}\n` +
            `  token:  ${registered.secret.slice(0, TOKEN_PREFIX.length + 8)}, scope worker\n` +
            `The worker token below is shown only this once; give it to the worker now.\n`,
        );
        io.stdout(`${registered.secret}\n`);
      });
    });

  for (const group of admin.commands) {
    for (const leaf of group.commands) {
      leaf.addHelpText("after", "\nWith the embedded database, stop the lrbench server first (see lrbench admin --help).");
    }
  }

  return admin;
}
