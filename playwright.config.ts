import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Browser tests drive Debian's Chromium (nothing downloads a browser) against the standalone server
// and the local tenant, both started here. Ports differ from the demo's so both can run.
// The local tenant's fixed tenant id (docs/architecture.md).
const LOCAL_TENANT_ID = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";
export const TENANT_PORT = Number(process.env.E2E_TENANT_PORT ?? 4110);
export const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 3100);
export const TENANT_URL = `http://127.0.0.1:${TENANT_PORT}`;
export const PORTAL_URL = `http://localhost:${PORTAL_PORT}`;

const dataDir = path.join(__dirname, ".test-output", `portal-data-${process.pid}`);
// Everything the portal writes; e2e/support/check-server-log.ts fails the run if it leaks a secret.
export const PORTAL_LOG = path.join(__dirname, ".test-output", `portal-server-${PORTAL_PORT}.log`);

export default defineConfig({
  testDir: "e2e",
  outputDir: ".test-output/playwright",
  fullyParallel: false,
  // One worker: every test resets the one local tenant it shares with the others.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Generous deadlines on conditions: on a busy 2-core machine one sign-in (MSAL's redirect, the
  // token request, hydration) was seen to take 11 s; a passing run never waits for them.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  globalTeardown: "./e2e/support/check-server-log.ts",
  use: {
    baseURL: PORTAL_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "npx tsx emulator/src/main.ts",
      url: `${TENANT_URL}/${LOCAL_TENANT_ID}/v2.0/.well-known/openid-configuration`,
      env: { TENANT_PORT: String(TENANT_PORT), TENANT_SEED: "minimal" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The standalone server, as deployed (scripts/start.mjs; docs/deploy.md): what ships is what is tested.
      command: `mkdir -p .test-output && node scripts/start.mjs -p ${PORTAL_PORT} > "${PORTAL_LOG}" 2>&1`,
      url: `${PORTAL_URL}/redirect`,
      env: {
        LOCAL_TENANT_URL: TENANT_URL,
        DATA_DIR: dataDir,
        // The portal under test keeps its history in a fresh embedded database.
        DATABASE_URL: "",
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
        // The browser tests share a few people; the per-person limit has its own tests (lib/limits).
        ACTION_RATE_LIMIT: "1000",
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
