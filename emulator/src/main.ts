import { DEFAULT_PORT, PEOPLE } from "./constants";
import { startLocalTenant } from "./index";
import { REALISTIC_LATENCY_MS } from "./settings";
import { SEED_NAMES, type SeedName } from "./store/seed";

function fail(message: string): never {
  console.error(`[local tenant] ${message}`);
  process.exit(1);
}

const port = Number(process.env.TENANT_PORT ?? DEFAULT_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`TENANT_PORT must be a port number, got '${process.env.TENANT_PORT}'`);
const seed = (process.env.TENANT_SEED ?? "demo") as SeedName;
if (!SEED_NAMES.includes(seed)) fail(`TENANT_SEED must be one of ${SEED_NAMES.join(", ")}`);
const latency = process.env.TENANT_LATENCY ?? (seed === "demo" ? "realistic" : "none");
if (latency !== "realistic" && latency !== "none") fail("TENANT_LATENCY must be realistic or none");

async function main(): Promise<void> {
  const tenant = await startLocalTenant({
    port,
    ...(process.env.TENANT_HOST ? { host: process.env.TENANT_HOST } : {}),
    ...(process.env.TENANT_PUBLIC_URL ? { publicUrl: process.env.TENANT_PUBLIC_URL } : {}),
    seed,
    settings: {
      ...(latency === "realistic" ? { latencyMs: REALISTIC_LATENCY_MS } : {}),
      ...(process.env.TENANT_REDEEM_ORIGIN
        ? { redeemOrigin: process.env.TENANT_REDEEM_ORIGIN }
        : {}),
    },
  });

  console.log(
    `Local tenant ${tenant.tenantId} listening on ${tenant.url} (seed: ${seed}, latency: ${latency})`,
  );
  console.log(`  Graph:     ${tenant.url}/v1.0`);
  console.log(
    `  Discovery: ${tenant.url}/${tenant.tenantId}/v2.0/.well-known/openid-configuration`,
  );
  console.log(
    `  People:    ${Object.values(PEOPLE)
      .map((person) => person.userPrincipalName)
      .join(", ")}`,
  );

  const stop = () => {
    tenant.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
