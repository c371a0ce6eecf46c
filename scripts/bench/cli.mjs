// `npm run bench:cli [-- RUNS [FILE]]`: median wall time of `lrbench parse FILE` as a fresh process (what a
// user waits for), after one untimed run that builds the compiled CLI if needed.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] ?? 21);
const file = process.argv[3] ?? fileURLToPath(new URL("../../lib/runlogs/fixtures/keras-cifar10.csv", import.meta.url));
const bin = fileURLToPath(new URL("../../bin/lrbench.mjs", import.meta.url));
const parse = () => execFileSync(process.execPath, [bin, "parse", file], { stdio: ["ignore", "ignore", "inherit"] });

parse();
const times = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  parse();
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`lrbench parse ${file}: median ${median.toFixed(0)} ms over ${runs} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`);
const baseline = [];
for (let i = 0; i < Math.min(runs, 11); i++) {
  const started = performance.now();
  execFileSync(process.execPath, ["-e", "0"]);
  baseline.push(performance.now() - started);
}
baseline.sort((a, b) => a - b);
console.log(`node -e 0 on this machine: median ${baseline[Math.floor(baseline.length / 2)].toFixed(0)} ms`);
