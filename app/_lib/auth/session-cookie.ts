import { SESSION_COOKIE_NAMES } from "./actor";

/** next-auth marks its cookie __Secure- on https; a session we create ourselves must look the same. */
export function sessionCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? SESSION_COOKIE_NAMES[0] : SESSION_COOKIE_NAMES[1];
}

export function sessionCookieOptions(expires: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    path: "/",
    secure: sessionCookieName().startsWith("__Secure-"),
    expires,
  };
}
