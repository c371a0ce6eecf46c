// Compiles the lrbench CLI (TypeScript) into .cache/cli with esbuild, so `lrbench` starts without
// compiling at every run. bin/lrbench.mjs calls this when the build is missing or older than a source;
// `npm run build:cli` runs it by hand. esbuild is the one tsx brings, so it is there wherever tsx is.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CACHE = path.join(ROOT, ".cache", "cli");
export const MANIFEST = path.join(CACHE, "manifest.json");

function loadEsbuild() {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve("tsx/package.json"))("esbuild");
}

// Sources find files next to them (db/migrations, the torch trainer script) from import.meta.url; in the
// bundle that would be the bundle's own location, so each module keeps the URL of its source file.
const keepModuleUrls = {
  name: "keep-module-urls",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith("x") ? "tsx" : "ts" };
    });
  },
};

/** Builds the CLI and returns the file URL of its entry. Concurrent builds each write their own folder. */
export async function buildCli() {
  const esbuild = loadEsbuild();
  const dir = path.join(CACHE, `build-${Date.now()}-${process.pid}`);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: "cli/main.ts" },
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    metafile: true,
    plugins: [keepModuleUrls],
    logLevel: "error",
  });
  // This script is an input too: a change to how the CLI is built makes the build stale.
  const sources = [...Object.keys(result.metafile.inputs), path.relative(ROOT, fileURLToPath(import.meta.url))];
  const inputs = Object.fromEntries(sources.map((file) => [file, statSync(path.join(ROOT, file)).mtimeMs]));
  const entry = path.join(dir, "main.mjs");
  const temporary = `${MANIFEST}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ entry: path.relative(CACHE, entry), inputs }));
  renameSync(temporary, MANIFEST);
  // Older builds go after a day: a long-running `lrbench worker` may still load chunks from the one it started with.
  for (const old of readdirSync(CACHE)) {
    const full = path.join(CACHE, old);
    if (old.startsWith("build-") && full !== dir && Date.now() - statSync(full).mtimeMs > 24 * 3600_000) rmSync(full, { recursive: true, force: true });
  }
  return pathToFileURL(entry).href;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(CACHE, { recursive: true });
  const started = performance.now();
  const entry = await buildCli();
  console.log(`built ${path.relative(ROOT, fileURLToPath(entry))} in ${Math.round(performance.now() - started)} ms`);
}
