import { afterAll, afterEach, beforeAll } from "vitest";
import { startLocalTenant, type LocalTenant } from "@/emulator/src/index";
import type { Caller } from "@/lib/auth/caller";
import { validateAccessToken } from "@/lib/auth/validate-access-token";
import { resetServerConfig } from "@/lib/config/server-config";

type Seed = Parameters<LocalTenant["reset"]>[0];

/**
 * The local tenant in process for a test file, and the portal's server configuration pointed at it:
 * real tokens, real on-behalf-of exchange, real Graph routes and error bodies. Faults are cleared and
 * the seed restored after each test; `signedIn` is a validated caller, as a server action would have.
 */
export function inProcessLocalTenant(seed: Seed = "minimal") {
  let tenant: LocalTenant | undefined;
  const savedUrl = process.env.LOCAL_TENANT_URL;

  beforeAll(async () => {
    tenant = await startLocalTenant({ port: 0, seed });
    process.env.LOCAL_TENANT_URL = tenant.url;
    resetServerConfig();
  });
  afterEach(() => {
    tenant?.clearFaults();
    tenant?.reset(seed);
  });
  afterAll(async () => {
    if (savedUrl === undefined) delete process.env.LOCAL_TENANT_URL;
    else process.env.LOCAL_TENANT_URL = savedUrl;
    resetServerConfig();
    await tenant?.close();
  });

  const current = (): LocalTenant => {
    if (!tenant) throw new Error("the local tenant starts in beforeAll");
    return tenant;
  };
  return {
    tenant: current,
    async signedIn(user: string): Promise<Caller> {
      const { accessToken } = await current().issueToken({ user, audience: "portal-api" });
      return validateAccessToken(accessToken);
    },
  };
}
