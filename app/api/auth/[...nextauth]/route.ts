import NextAuth from "next-auth";
import { authOptions } from "@/app/_lib/auth/options";

// Options need the database (for the adapter), so the handler is built per request.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const nextAuth = NextAuth(await authOptions());
  return nextAuth(request, { params: await context.params });
}

export { handler as GET, handler as POST };
