// End-to-end tests need a Chromium; Playwright's own download is impossible offline, so Debian's is used.
// Without one the e2e tests are skipped with a message, except under CI=true, where that is a failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const message = `No Chromium at ${chromium} (install Debian's 'chromium' or set CHROMIUM_PATH).`;
  if (process.env.CI === "true") {
    console.error(`e2e: ${message} CI=true, so this is a failure.`);
    process.exit(1);
  }
  console.warn(`e2e: ${message} Skipping the end-to-end tests.`);
  process.exit(0);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHROMIUM_PATH: chromium };
const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
if (build.status !== 0) process.exit(build.status ?? 1);
const test = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(test.status ?? 1);
