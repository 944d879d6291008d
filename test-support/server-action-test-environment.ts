import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import { resetServerConfig } from "@/lib/config/server-config";
import { closeStore, getStore } from "@/lib/db";

const VARIABLES = ["LOCAL_TENANT_URL", "DATA_DIR", "DATABASE_URL"] as const;

export type ActionTestEnvironment = {
  readonly tenant: LocalTenant;
  /** A portal-API access token for one of the local tenant's people, as the browser would send. */
  tokenFor(user: string, issuedAtOffsetSeconds?: number): Promise<string>;
};

/**
 * Server actions end to end in a Vitest file: the local tenant in process (tokens, on-behalf-of,
 * Graph) and the history in a throw-away PGlite folder, wired through the variables the server reads.
 * Faults and latency are cleared after each test. `beforeClose` runs before the store closes.
 */
export function setUpActionTests(
  name: string,
  options: { beforeClose?: () => Promise<void> } = {},
): ActionTestEnvironment {
  let tenant: LocalTenant | undefined;
  let dataDir = "";
  const saved = Object.fromEntries(VARIABLES.map((variable) => [variable, process.env[variable]]));

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), `${name}-`));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    tenant = await startLocalTenant({ port: 0, seed: "minimal" });
    process.env.LOCAL_TENANT_URL = tenant.url;
    resetServerConfig();
    await getStore(); // Opening PGlite and migrating takes seconds: keep it out of the first test.
  });
  afterEach(() => {
    tenant?.clearFaults();
    tenant?.updateSettings({ latencyMs: {} });
  });
  afterAll(async () => {
    await options.beforeClose?.();
    await closeStore();
    await tenant?.close();
    for (const [variable, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[variable];
      else process.env[variable] = value;
    }
    resetServerConfig();
    await rm(dataDir, { recursive: true, force: true });
  });

  function started(): LocalTenant {
    if (!tenant) throw new Error("the local tenant starts in beforeAll");
    return tenant;
  }

  return {
    get tenant() {
      return started();
    },
    tokenFor: async (user, issuedAtOffsetSeconds = 0) =>
      (await started().issueToken({ user, audience: "portal-api", issuedAtOffsetSeconds }))
        .accessToken,
  };
}
