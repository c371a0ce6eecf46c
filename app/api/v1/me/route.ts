import { apiRoute } from "@/app/_lib/api";
import { getUserById } from "@/db/queries/users";
import { unauthorized } from "@/lib/errors";

/** Who the token or session is: lets CI check a token before it uploads anything. */
export const GET = apiRoute(async ({ db, actor }) => {
  if (actor.kind === "anonymous") throw unauthorized();
  const user = await getUserById(db, actor.userId);
  return Response.json({
    user: { id: actor.userId, email: user?.email, name: user?.name, role: actor.role },
    via: actor.kind,
    ...(actor.kind === "token" ? { scopes: actor.scopes, worker: actor.workerId !== null } : {}),
  });
});
