import "server-only";
import { discoverIssuer } from "@/lib/auth/authority-discovery";
import { getStore } from "@/lib/db";
import { isDraining } from "./draining";

export { isDraining, startDraining } from "./draining";

export type CheckResult = { ok: boolean; detail?: string };
export type Readiness = {
  ready: boolean;
  draining: boolean;
  checks: { database: CheckResult; tenantKeys: CheckResult };
};

const CHECK_TIMEOUT_MS = 3_000;
const NIL_ID = "00000000-0000-0000-0000-000000000000";

function failure(error: unknown): CheckResult {
  // Only the kind of failure: messages may name hosts or users of a connection string.
  return { ok: false, detail: error instanceof Error ? error.name : "unknown" };
}

/** Opening the store applies the migrations; a look-up then proves the history table answers. */
async function checkDatabase(): Promise<CheckResult> {
  try {
    const store = await getStore();
    await store.getAttempt(NIL_ID);
    return { ok: true, detail: store.backend };
  } catch (error) {
    return failure(error);
  }
}

/** Without the tenant's signing keys no token can be validated, so no action can run. */
async function checkTenantKeys(): Promise<CheckResult> {
  try {
    const response = await fetch((await discoverIssuer()).jwksUri, {
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      cache: "no-store",
    });
    if (!response.ok) return { ok: false, detail: `HTTP ${response.status}` };
    const body = (await response.json()) as { keys?: unknown[] };
    return Array.isArray(body.keys) && body.keys.length > 0
      ? { ok: true }
      : { ok: false, detail: "no keys" };
  } catch (error) {
    return failure(error);
  }
}

export async function checkReadiness(): Promise<Readiness> {
  const [database, tenantKeys] = await Promise.all([checkDatabase(), checkTenantKeys()]);
  const draining = isDraining();
  return {
    ready: database.ok && tenantKeys.ok && !draining,
    draining,
    checks: { database, tenantKeys },
  };
}
