/**
 * One error type for everything the API can answer with. Messages are written for the person who
 * sent the request; database and internal detail is logged by the caller, never put in a message.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }

  toResponse(): Response {
    return Response.json(this.toJSON(), { status: this.status, headers: this.headers });
  }
}

export const unauthorized = (message = "Authentication required: send 'Authorization: Bearer <token>' or sign in.") =>
  new AppError("unauthorized", message, { "WWW-Authenticate": 'Bearer realm="lrbench"' });
export const forbidden = (message = "You are not allowed to do this.") => new AppError("forbidden", message);
export const notFound = (what = "resource") => new AppError("not_found", `${what} not found`);

/** Any error to a response: AppErrors as they are, anything else as an opaque 500 (and logged). */
export function toErrorResponse(error: unknown, log: (message: string, error: unknown) => void = console.error): Response {
  if (error instanceof AppError) return error.toResponse();
  log("unhandled error in request", error);
  return new AppError("internal", "Internal error; it has been logged.").toResponse();
}
