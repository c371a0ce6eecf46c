/**
 * The Neon driver's global settings, as @vercel/postgres loads it. @neondatabase/serverless is no direct
 * dependency (it comes with @vercel/postgres, nested under its folder), so it is resolved from there, and
 * as the same ES module file @vercel/postgres imports: a second copy would have settings of its own.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

interface NeonConfig {
  wsProxy: string | ((host: string, port: number | string) => string);
  useSecureWebSocket: boolean;
  pipelineTLS: boolean;
  pipelineConnect: "password" | false;
}

export async function neonConfig(): Promise<NeonConfig> {
  const vercelPostgres = createRequire(import.meta.url).resolve("@vercel/postgres");
  // Its package.json is not exported; its CommonJS entry sits beside it.
  const packageJson = path.join(path.dirname(createRequire(vercelPostgres).resolve("@neondatabase/serverless")), "package.json");
  const { exports } = JSON.parse(readFileSync(packageJson, "utf8")) as { exports: { import: string } };
  const module = (await import(pathToFileURL(path.join(path.dirname(packageJson), exports.import)).href)) as { neonConfig: NeonConfig };
  return module.neonConfig;
}

/** Points every Neon connection of this process at a plain-WebSocket proxy in front of a PostgreSQL without TLS. */
export async function routeNeonThrough(proxyAddress: string): Promise<void> {
  const config = await neonConfig();
  config.wsProxy = (host, port) => `${proxyAddress}/v2?address=${host}:${port}`;
  config.useSecureWebSocket = false;
  config.pipelineTLS = false;
  // Pipelining sends a password before the server asks; a trust-auth server answers that with an error.
  config.pipelineConnect = false;
}
