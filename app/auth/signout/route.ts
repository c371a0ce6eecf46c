import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { deleteSession } from "@/db/queries/sessions";
import { SESSION_COOKIE_NAMES } from "@/app/_lib/auth/actor";
import { assertSameOriginPost } from "@/app/_lib/auth/same-origin";
import { toErrorResponse } from "@/lib/errors";

export async function POST(request: Request) {
  try {
    assertSameOriginPost(request);
    const { db } = await getDb();
    const response = new NextResponse(null, { status: 303, headers: { Location: "/" } });
    for (const name of SESSION_COOKIE_NAMES) {
      const token = request.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${name.replace(/[.]/g, "\\.")}=([^;]+)`))?.[1];
      if (token) await deleteSession(db, decodeURIComponent(token));
      response.cookies.delete(name);
    }
    return response;
  } catch (error) {
    return toErrorResponse(error);
  }
}
