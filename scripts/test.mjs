// `npm test`: unit and integration tests (Vitest), end-to-end tests (Playwright in Chromium), then the
// traced-build smoke test (scripts/traced/smoke.ts), closing with one "N passed, N failed" line for all.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const reports = mkdtempSync(path.join(tmpdir(), "lrbench-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status ?? 1;
}

function countVitest(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  // A suite that fails before any test runs (an import error) has no failed test to count: count the suite.
  // Otherwise failed tests alone, not also the suites and describe blocks that hold them.
  const unrunSuites = report.numFailedTests === 0 && !report.success ? Math.max(1, report.numFailedTestSuites) : 0;
  return { passed: report.numPassedTests, failed: report.numFailedTests + unrunSuites };
}

function countPlaywright(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

const vitestReport = path.join(reports, "vitest.json");
const unitStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`]);
const unit = countVitest(vitestReport);

const e2eReport = path.join(reports, "playwright.json");
const e2eStatus = run("node", ["scripts/e2e.mjs"], { LRBENCH_PLAYWRIGHT_JSON: e2eReport });
const e2e = countPlaywright(e2eReport);

// The deployment as a serverless platform runs it: the standalone build from its traced files alone,
// on PostgreSQL (TEST_DATABASE_URL; skipped without one, except under CI=true).
const tracedReport = path.join(reports, "traced.json");
const tracedStatus = run("npx", ["tsx", "scripts/traced/smoke.ts", "--json", tracedReport]);
const traced = existsSync(tracedReport) ? JSON.parse(readFileSync(tracedReport, "utf8")) : { passed: 0, failed: 0 };

const statuses = [[unitStatus, unit], [e2eStatus, e2e], [tracedStatus, traced]];
const passed = unit.passed + e2e.passed + traced.passed;
const failed = statuses.reduce((sum, [status, counts]) => sum + counts.failed + (status !== 0 && counts.failed === 0 ? 1 : 0), 0);
console.log(`\nunit+integration: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed; traced build: ${traced.passed} passed, ${traced.failed} failed`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(statuses.some(([status]) => status !== 0) ? 1 : 0);
