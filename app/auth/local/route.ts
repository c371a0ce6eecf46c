import { randomBytes } from "node:crypto";
import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { createSession } from "@/db/queries/sessions";
import { createUser, getUserByEmail, promoteWhenNoAdmin } from "@/db/queries/users";
import { sessionCookieName, sessionCookieOptions } from "@/app/_lib/auth/session-cookie";
import { isEmbedded, LOCAL_USER_EMAIL, localSignInEnabled } from "@/app/_lib/settings";
import { assertSameOriginPost } from "@/app/_lib/auth/same-origin";
import { sameSitePath } from "@/lib/auth/callback-path";
import { toErrorResponse, forbidden } from "@/lib/errors";

const SESSION_DAYS = 30;

/** Signs in the one local user of a deployment without an identity provider. */
export async function POST(request: Request) {
  try {
    if (!localSignInEnabled()) throw forbidden("Local sign-in is off on this deployment; use the configured provider.");
    assertSameOriginPost(request);
    const { db } = await getDb();
    let user =
      (await getUserByEmail(db, LOCAL_USER_EMAIL)) ??
      (await createUser(db, { email: LOCAL_USER_EMAIL, name: "Local user" }, { firstIsAdmin: isEmbedded() }));
    // On the embedded default the local user is its admin (the README says so), also on older databases.
    if (isEmbedded() && user.role !== "admin") user = await promoteWhenNoAdmin(db, user.id);
    const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
    const sessionToken = randomBytes(32).toString("hex");
    await createSession(db, { sessionToken, userId: user.id, expires });
    const form = await request.formData().catch(() => null);
    // A relative Location keeps the browser on the host it used; request.url may name another one.
    const response = new NextResponse(null, { status: 303, headers: { Location: sameSitePath(form?.get("callbackUrl")) } });
    response.cookies.set(sessionCookieName(), sessionToken, sessionCookieOptions(expires));
    return response;
  } catch (error) {
    return toErrorResponse(error);
  }
}
