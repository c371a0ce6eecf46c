// `node scripts/traced/sizes.mjs [distDir]`: each server function's traced size, as a serverless
// platform bundles it: the files its .nft.json lists (Next's trace of what it may require or read)
// together with the Next server's own trace. Fails when one is over the budget, or when a trace holds a
// file the web server must never need (the embedded database's WASM, onnxruntime, TensorFlow.js, Python).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const dist = path.resolve(process.argv[2] ?? ".next-standalone");
const BUDGET_BYTES = Number(process.env.LRBENCH_TRACE_BUDGET_MB ?? 100) * 1024 * 1024;
/** What the web server has no use for: loaded only by workers, the CLI or `npm start`'s embedded database. */
const NEVER_NEEDED = [
  [/node_modules\/onnxruntime-(node|common)\//, "onnxruntime (models run on workers, not in the web server)"],
  [/\.py$/, "Python (the torch trainer runs on workers)"],
  [/node_modules\/@tensorflow\//, "TensorFlow.js (the tfjs engine runs on workers)"],
  [/node_modules\/@electric-sql\/pglite\//, "PGlite (the embedded database is for npm start)"],
];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** The files a trace names, as absolute paths, with the traced file itself. */
function traced(nftFile) {
  const base = path.dirname(nftFile);
  const own = nftFile.replace(/\.nft\.json$/, "");
  return [own, ...JSON.parse(readFileSync(nftFile, "utf8")).files.map((file) => path.resolve(base, file))];
}

const sizeCache = new Map();
function size(file) {
  if (!sizeCache.has(file)) {
    try {
      const stat = statSync(file);
      sizeCache.set(file, stat.isFile() ? stat.size : 0);
    } catch {
      sizeCache.set(file, 0);
    }
  }
  return sizeCache.get(file);
}

export function tracedFunctions(distDir = dist) {
  const serverTrace = ["next-server.js.nft.json", "next-minimal-server.js.nft.json"]
    .map((name) => path.join(distDir, name))
    .filter((file) => { try { return statSync(file).isFile(); } catch { return false; } })
    .flatMap(traced);
  return walk(path.join(distDir, "server", "app"))
    .filter((file) => /\/(page|route)\.js\.nft\.json$/.test(file))
    .map((nft) => {
      const files = new Set([...traced(nft), ...serverTrace]);
      const bytes = [...files].reduce((sum, file) => sum + size(file), 0);
      const name = "/" + path.relative(path.join(distDir, "server", "app"), path.dirname(nft)).split(path.sep).join("/");
      const unneeded = NEVER_NEEDED.flatMap(([pattern, what]) => ([...files].some((file) => pattern.test(file)) ? [what] : []));
      return { name: `${name} (${path.basename(nft, ".js.nft.json")})`, files: files.size, bytes, unneeded };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const functions = tracedFunctions();
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  for (const f of functions) console.log(`${mb(f.bytes).padStart(9)}  ${String(f.files).padStart(5)} files  ${f.name}${f.unneeded.length ? `  UNNEEDED: ${f.unneeded.join(", ")}` : ""}`);
  const over = functions.filter((f) => f.bytes > BUDGET_BYTES);
  const unneeded = functions.filter((f) => f.unneeded.length > 0);
  console.log(`traced functions: ${functions.length}, largest ${mb(functions[0]?.bytes ?? 0)}, budget ${mb(BUDGET_BYTES)} (a Vercel function may hold 250 MB)`);
  if (functions.length === 0 || over.length > 0 || unneeded.length > 0) {
    console.error(`traced sizes: ${functions.length === 0 ? "no traces found; build with LRBENCH_STANDALONE=1 first" : `${over.length} over budget, ${unneeded.length} holding files the web server never needs`}`);
    process.exit(1);
  }
}
