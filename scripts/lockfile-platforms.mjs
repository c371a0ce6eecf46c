// The registry mirror this project is developed behind serves only linux-x64 builds of native
// packages, so `npm install` leaves other platforms' optional packages (@next/swc-*, Tailwind's oxide,
// esbuild, ...) out of package-lock.json, and `npm ci` then refuses the lock as out of sync.
// This adds the missing entries, marked optional with the version the parent asks for; npm skips
// them on platforms they are not for, exactly as with a lock written against the full registry.
// Run after every `npm install` that changes the lock: node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path === "" ? "" : `${path}/`;
    const nested = `${base}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile-platforms: added ${added} optional platform entries`);
