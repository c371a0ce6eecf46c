import { z } from "zod";
import { TOKEN_SCOPES } from "../auth/tokens";

const asArray = (value: unknown) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]);

export const createTokenBodySchema = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  scopes: z.preprocess(
    asArray,
    z
      .array(z.enum(TOKEN_SCOPES, { error: `scopes may only hold ${TOKEN_SCOPES.join(", ")}` }))
      .min(1, "scopes must hold at least one scope"),
  ),
  expiresInDays: z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? undefined : Number(value)),
    z
      .number({ error: "expiresInDays must be a whole number of days" })
      .int("expiresInDays must be a whole number of days")
      .min(1, "expiresInDays must be at least 1")
      .max(3650, "expiresInDays must be at most 3650")
      .optional(),
  ),
});

export const registerWorkerBodySchema = z.object({
  name: z
    .string({ error: "name is required" })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "name must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit"),
});

export const idBodySchema = z.object({ id: z.string({ error: "id is required" }).min(1, "id is required") });
