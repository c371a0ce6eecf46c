import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const API_DIR = path.join(process.cwd(), "app", "api", "v1");

/** Every route.ts under app/api/v1 as "METHOD /api/v1/path/{param}". */
function routeHandlers(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeHandlers(full);
    if (name !== "route.ts") return [];
    const route = "/api/v1" + path.relative(API_DIR, path.dirname(full)).split(path.sep).map((part) => `/${part.replace(/^\[(.+)\]$/, "{$1}")}`).join("");
    const methods = [...readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
    return methods.map((method) => `${method} ${route.replace(/\/$/, "")}`);
  });
}

describe("the OpenAPI document", () => {
  it("describes every /api/v1 route handler, and nothing that does not exist", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([route, item]) =>
      Object.keys(item).filter((k) => ["get", "post", "put", "patch", "delete"].includes(k)).map((method) => `${method.toUpperCase()} ${route}`),
    );
    const handlers = routeHandlers();
    expect(handlers.length).toBeGreaterThan(20);
    expect(documented.sort()).toEqual(handlers.sort());
  });
});
