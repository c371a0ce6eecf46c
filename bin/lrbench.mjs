#!/usr/bin/env node
// The CLI is TypeScript like the rest of lrbench. It runs from an esbuild bundle in .cache/cli, built on
// the first run and again whenever a source file it was built from changes; where esbuild cannot
// build it, tsx compiles it on the fly as before (slower: about a second per start).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cache = path.join(root, ".cache", "cli");

function freshBuild() {
  try {
    const manifest = JSON.parse(readFileSync(path.join(cache, "manifest.json"), "utf8"));
    for (const [file, mtimeMs] of Object.entries(manifest.inputs)) {
      if (statSync(path.join(root, file)).mtimeMs !== mtimeMs) return undefined;
    }
    return pathToFileURL(path.join(cache, manifest.entry)).href;
  } catch {
    return undefined;
  }
}

async function compiledEntry() {
  if (process.env.LRBENCH_CLI_TSX === "1") return undefined;
  const fresh = freshBuild();
  if (fresh) return fresh;
  try {
    const { buildCli } = await import("../scripts/build-cli.mjs");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(cache, { recursive: true });
    return await buildCli();
  } catch {
    return undefined;
  }
}

const entry = await compiledEntry();
let main;
if (entry) ({ main } = await import(entry));
else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(root, "tsconfig.json") });
  ({ main } = await import("../cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
