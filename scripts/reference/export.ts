/**
 * Writes a reference results bundle from this database's finished replays (README, "Reference results"):
 *
 *   npx tsx scripts/reference/export.ts --task ps10-noise --tier short \
 *     --schedule "StepDecay · ps10-noise · short" --schedule "AutoDecay" ... \
 *     [--out db/reference/ps10-noise-short.json] [--hardware "1 x NVIDIA H200"] [--precision fp32]
 *
 * The database is the one the app uses (DATABASE_URL, POSTGRES_URL or the embedded PGlite under
 * LRBENCH_DATA_DIR); stop the app first when it is the embedded one. The commit is git's HEAD.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDb, resolveDbConfig } from "../../db/client";
import { exportReferenceBundle } from "../../db/reference";

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      task: { type: "string" },
      tier: { type: "string" },
      schedule: { type: "string", multiple: true },
      out: { type: "string" },
      hardware: { type: "string" },
      precision: { type: "string" },
      note: { type: "string" },
    },
  });
  if (!values.task || !values.tier || !values.schedule?.length) {
    throw new Error("--task, --tier and at least one --schedule NAME are required");
  }
  const out = values.out ?? path.join("db", "reference", `${values.task}-${values.tier}.json`);
  const handle = await openDb(resolveDbConfig());
  try {
    const bundle = await exportReferenceBundle(handle.db, {
      taskId: values.task,
      tier: values.tier,
      scheduleNames: values.schedule,
      commit: gitCommit(),
      date: new Date().toISOString(),
      hardware: values.hardware ?? null,
      precision: values.precision ?? null,
      note: values.note,
    });
    const missing = values.schedule.filter((name) => !bundle.runs.some((run) => run.schedule.name === name));
    if (missing.length > 0) console.warn(`No finished public replays of: ${missing.join(", ")}`);
    writeFileSync(out, `${JSON.stringify(bundle, null, 1)}\n`);
    console.log(`${out}: ${bundle.runs.length} runs (${bundle.metadata.engine ?? "no engine"}, ${bundle.metadata.hardware ?? "no hardware"}, commit ${bundle.metadata.commit ?? "unknown"})`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
