import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { getDb } from "@/db";
import { listSchedulesOfOwner } from "@/db/queries/schedules";
import { listTokensOfUser } from "@/db/queries/tokens";
import { getUserById } from "@/db/queries/users";
import { listWorkers } from "@/db/queries/workers";
import type { ApiToken } from "@/db/schema";
import { can } from "@/lib/auth/policy";
import { currentActor } from "../_lib/auth/actor";
import { CreateTokenForm, RegisterWorkerForm, RevokeTokenButton } from "./forms";
import { DataTable } from "@/app/_components/DataTable";

export const metadata: Metadata = { title: "Account" };

function when(date: Date | null): string {
  return date ? date.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never";
}

function tokenStatus(token: Pick<ApiToken, "revokedAt" | "expiresAt">): string {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return "expired";
  return "active";
}

export default async function AccountPage() {
  const { db } = await getDb();
  const actor = await currentActor(db);
  if (actor.kind === "anonymous") redirect("/signin?callbackUrl=/account");
  const user = await getUserById(db, actor.userId);
  const tokens = (await listTokensOfUser(db, actor.userId)).filter((t) => t.workerId === null);
  const isAdmin = can(actor, "worker:register");
  const workers = isAdmin ? await listWorkers(db) : [];
  // The gallery lists public schedules only; unlisted and private ones are found here.
  const schedules = await listSchedulesOfOwner(db, actor.userId);

  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-bold">Account</h1>
        <p className="mt-1 text-slate-600">
          {user?.name ?? user?.email} · <span data-testid="account-email">{user?.email}</span> · role <strong>{actor.role}</strong>
        </p>
      </header>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Your schedules</h2>
        <p className="text-sm text-slate-600">
          Unlisted ones open for anyone with the link; private ones, their replays and runs only for you and admins. Your runs are on the{" "}
          <Link href={`/runs?owner=${actor.userId}`} className="text-indigo-700 hover:underline">runs list</Link>.
        </p>
        {schedules.length === 0 ? (
          <p className="text-sm text-slate-500">None yet.</p>
        ) : (
          <ul className="text-sm" data-testid="own-schedules">
            {schedules.map((s) => (
              <li key={s.id}>
                <Link href={`/schedules/${s.id}`} className="text-indigo-700 hover:underline">{s.name}</Link>{" "}
                <span className="text-slate-500">· {s.kind} · {s.visibility}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">API tokens</h2>
        <p className="text-sm text-slate-600">
          For CI pipelines and scripts: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>. Only a hash is stored; a
          revoked token is refused on its next request.
        </p>
        <DataTable
          look="ruled"
          data-testid="token-table"
          head={
            <>
              <th className="py-1 pr-4 font-medium">Name</th>
              <th className="py-1 pr-4 font-medium">Prefix</th>
              <th className="py-1 pr-4 font-medium">Scopes</th>
              <th className="py-1 pr-4 font-medium">Created</th>
              <th className="py-1 pr-4 font-medium">Last used</th>
              <th className="py-1 pr-4 font-medium">Expires</th>
              <th className="py-1 pr-4 font-medium">Status</th>
              <th />
            </>
          }
        >
          {tokens.length === 0 && (
            <tr>
              <td colSpan={8} className="py-2 text-slate-500">
                No tokens yet.
              </td>
            </tr>
          )}
          {tokens.map((token) => (
            <tr key={token.id} className="border-b border-slate-100">
              <td className="py-1 pr-4">{token.name}</td>
              <td className="py-1 pr-4 font-mono">{token.prefix}</td>
              <td className="py-1 pr-4">{token.scopes.join(", ")}</td>
              <td className="py-1 pr-4">{when(token.createdAt)}</td>
              <td className="py-1 pr-4">{when(token.lastUsedAt)}</td>
              <td className="py-1 pr-4">{token.expiresAt ? when(token.expiresAt) : "no expiry"}</td>
              <td className="py-1 pr-4">{tokenStatus(token)}</td>
              <td className="py-1">{tokenStatus(token) === "active" && <RevokeTokenButton id={token.id} label={token.name} />}</td>
            </tr>
          ))}
        </DataTable>
        <h3 className="font-medium">New token</h3>
        <CreateTokenForm />
      </section>

      {isAdmin && (
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">Workers</h2>
          <p className="text-sm text-slate-600">
            Self-hosted GPU workers claim replay jobs with a <code>worker</code> token. Revoking it stops the worker at its next call.
          </p>
          <DataTable
            look="ruled"
            head={
              <>
                <th className="py-1 pr-4 font-medium">Name</th>
                <th className="py-1 pr-4 font-medium">Token</th>
                <th className="py-1 pr-4 font-medium">Last call</th>
                <th className="py-1 pr-4 font-medium">Status</th>
                <th />
              </>
            }
          >
            {workers.map(({ worker, tokenId, tokenPrefix, revokedAt, lastUsedAt }) => (
              <tr key={worker.id} className="border-b border-slate-100">
                <td className="py-1 pr-4">{worker.name}</td>
                <td className="py-1 pr-4 font-mono">{tokenPrefix}</td>
                <td className="py-1 pr-4">{when(lastUsedAt)}</td>
                <td className="py-1 pr-4">{revokedAt ? "revoked" : "active"}</td>
                <td className="py-1">{tokenId && !revokedAt && <RevokeTokenButton id={tokenId} label={`worker ${worker.name}`} />}</td>
              </tr>
            ))}
          </DataTable>
          <RegisterWorkerForm />
        </section>
      )}

      <form method="post" action="/auth/signout">
        <button type="submit" className="text-sm text-slate-600 hover:underline">
          Sign out
        </button>
      </form>
    </div>
  );
}
