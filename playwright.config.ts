import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3117);
// A fresh embedded database per run: the tests see exactly the seeded data plus what they create.
const dataDir = mkdtempSync(path.join(tmpdir(), "lrbench-e2e-"));
const jsonReport = process.env.LRBENCH_PLAYWRIGHT_JSON;
export const oidcPort = port + 1;
export const oidcIssuerPort = port + 2;
/** The embedded default with its local worker's replays queued (e2e/embedded.spec.ts runs the worker). */
export const embeddedPort = port + 3;
export const embeddedDataDir = process.env.LRBENCH_E2E_EMBEDDED_DIR ?? mkdtempSync(path.join(tmpdir(), "lrbench-e2e-embedded-"));
// Playwright loads this file again in its test workers; they must see the same folder as the server.
process.env.LRBENCH_E2E_EMBEDDED_DIR = embeddedDataDir;
const serverEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: "e2e-only-secret-0123456789abcdef",
  DATABASE_URL: "",
  POSTGRES_URL: "",
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: jsonReport ? [["list"], ["json", { outputFile: jsonReport }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // Without these Chromium keeps trying to reach Google's services, which this network refuses.
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      // The embedded default, as `npm start` runs it: local sign-in on.
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...serverEnv, LRBENCH_DATA_DIR: dataDir, LRBENCH_LOCAL_SIGNIN: "1", NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    },
    {
      // As `npm start` runs it: on a fresh database the baseline replays are queued for the local worker.
      command: `npx next start -p ${embeddedPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${embeddedPort}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { ...serverEnv, LRBENCH_DATA_DIR: embeddedDataDir, LRBENCH_LOCAL_SIGNIN: "1", LRBENCH_LOCAL_WORKER: "1", NEXTAUTH_URL: `http://127.0.0.1:${embeddedPort}` },
    },
    {
      // The same build with an OpenID Connect provider; e2e/oidc.spec.ts runs the issuer on oidcIssuerPort.
      command: `npx next start -p ${oidcPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${oidcPort}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        ...serverEnv,
        LRBENCH_DATA_DIR: mkdtempSync(path.join(tmpdir(), "lrbench-e2e-oidc-")),
        NEXTAUTH_URL: `http://127.0.0.1:${oidcPort}`,
        OIDC_ISSUER: `http://127.0.0.1:${oidcIssuerPort}`,
        OIDC_CLIENT_ID: "lrbench-e2e",
        OIDC_CLIENT_SECRET: "e2e-secret",
        OIDC_NAME: "Test IdP",
      },
    },
  ],
});
