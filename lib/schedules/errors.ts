import type { z } from "zod";

export type FieldError = { path: string; message: string };

type Key = PropertyKey;

export function formatPath(path: readonly Key[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<Key, unknown>)[key];
  }
  return cur;
}

/** The root has no name of its own, so its messages read "definition ...". */
function sentence(path: string, message: string): string {
  return `${path || "definition"} ${message}`;
}

/**
 * One FieldError per problem: zod folds unknown keys into one issue, which is split here so
 * each stray field is named with the kind it does not belong to.
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const owner = valueAt(input, issue.path) as { kind?: unknown } | undefined;
      const kind = typeof owner?.kind === "string" ? owner.kind : "unknown";
      for (const key of issue.keys) {
        const path = formatPath([...issue.path, key]);
        errors.push({ path, message: `${path} is not a field of kind '${kind}'` });
      }
      continue;
    }
    const path = formatPath(issue.path);
    errors.push({ path, message: sentence(path, issue.message) });
  }
  return errors;
}

export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => e.message).join("\n");
}
