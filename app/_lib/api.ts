import type { z } from "zod";
import { getDb, type Database } from "@/db";
import type { Actor } from "@/lib/auth/policy";
import { AppError, toErrorResponse } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { actorFromRequest } from "./auth/actor";
import { limits } from "./settings";
import { enforceWriteRateLimits } from "./write-limits";

export interface ApiContext<P> {
  request: Request;
  db: Database;
  actor: Actor;
  params: P;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Every `[id]` in the API names a row by its UUID; anything else names nothing (and must never reach a query). */
function assertIdParam(params: unknown): void {
  const id = (params as { id?: unknown }).id;
  if (id !== undefined && !isUuid(id)) throw new AppError("not_found", `Nothing has the id ${JSON.stringify(String(id).slice(0, 64))}: an id is a UUID.`);
}

/**
 * Every /api/v1 handler runs inside this: the caller is authenticated (bearer token or session),
 * writes are rate-limited, and any error becomes `{"error": {code, message}}` with its status.
 */
export function apiRoute<P = Record<string, never>>(handler: (context: ApiContext<P>) => Promise<Response>) {
  return async (request: Request, routeContext?: { params?: Promise<P> }): Promise<Response> => {
    try {
      const { db } = await getDb();
      const actor = await actorFromRequest(db, request);
      if (WRITE_METHODS.has(request.method)) await enforceWriteRateLimits(db, actor, request.headers);
      const params = ((await routeContext?.params) ?? {}) as P;
      assertIdParam(params);
      return await handler({ request, db, actor, params });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** Reads a body's bytes, refusing more than `limitBytes` before it is all in memory. */
export async function readBodyBytes(request: Request, limitBytes: number, expected = "a body"): Promise<Buffer> {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body is larger than the limit of ${limitBytes} bytes.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) throw new AppError("bad_request", `The request has no body; send ${expected}.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body, refusing more than the configured limit before it is all in memory. */
export async function readJsonBody(request: Request, limitBytes = limits.bodyBytes()): Promise<unknown> {
  const text = (await readBodyBytes(request, limitBytes, "JSON")).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Validates a body, answering 422 with every problem named; nested ones say where (`points[3]: x must be finite`). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const where = (path: PropertyKey[]) =>
    path
      .slice(0, -1)
      .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`))
      .join("");
  throw new AppError(
    "unprocessable",
    result.error.issues.map((issue) => (issue.path.length > 1 ? `${where(issue.path)}: ${issue.message}` : issue.message)).join("; "),
  );
}
