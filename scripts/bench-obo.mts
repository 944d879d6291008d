// `npm run bench:obo`: the portal's memory while 2,000 distinct people each call one action that
// exchanges their token on behalf of them (OBO) and reads their roles from Graph. msal-node's own
// cache would keep every person's tokens forever; the portal's caches are bounded (1,000 people), so
// the heap must level off once they are full. Figures are printed, never asserted. The action runs in
// this process (no browser, no Next.js server); the local tenant runs in its own process, so its
// memory is not counted.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2_000);
const REPORT_EVERY = 250;
const PARALLEL = 8;
const TENANT_PORT = Number(process.env.BENCH_TENANT_PORT ?? 4185);
const TENANT_ID = "b3d0c6a4-5e1f-4a27-9c83-2f6d8e0a1b47";
const tenantUrl = `http://127.0.0.1:${TENANT_PORT}`;

const tenantProcess = spawn("npx", ["tsx", "emulator/src/main.ts"], {
  env: { ...process.env, TENANT_PORT: String(TENANT_PORT), TENANT_SEED: "minimal" },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
process.on("exit", () => {
  try {
    process.kill(-tenantProcess.pid!, "SIGTERM");
  } catch {
    // already gone
  }
});

async function waitForTenant(): Promise<void> {
  const discovery = `${tenantUrl}/${TENANT_ID}/v2.0/.well-known/openid-configuration`;
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (
      await fetch(discovery).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the local tenant never started");
}

async function control<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${tenantUrl}/_emulator${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST /_emulator${route}: ${response.status}`);
  return (await response.json()) as T;
}

await waitForTenant();
const dataDir = mkdtempSync(path.join(tmpdir(), "bench-obo-"));
process.env.LOCAL_TENANT_URL = tenantUrl;
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

// Imported after the environment is set: the configuration is read on first use.
const { getPendingCapabilities } = await import("../components/pending/actions");
const { onBehalfOfCacheSize } = await import("../lib/auth/on-behalf-of");

const ids: string[] = [];
for (let index = 0; index < PEOPLE; index += 1) {
  const person = await control<{ id: string }>("/users", {
    email: `bench.person.${index}@contoso.example`,
    displayName: `Bench Person ${index}`,
    userType: "Member",
    internal: true,
  });
  ids.push(person.id);
}

function memory(): string {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return `heap ${(heapUsed / 2 ** 20).toFixed(1)} MB, rss ${(rss / 2 ** 20).toFixed(1)} MB`;
}

console.log(`people  ${"portal process memory".padEnd(34)}  OBO cache entries`);
const report = (done: number) =>
  console.log(`${String(done).padStart(6)}  ${memory().padEnd(34)}  ${onBehalfOfCacheSize()}`);
report(0);
let next = 0;
let done = 0;
async function lane(): Promise<void> {
  while (next < ids.length) {
    const user = ids[next++]!;
    const token = await control<{ access_token?: string; token?: string } | string>("/tokens", {
      user,
      audience: "portal-api",
    });
    const accessToken =
      typeof token === "string" ? token : (token.access_token ?? token.token ?? "");
    const result = await getPendingCapabilities(accessToken, {});
    if (!result.ok) throw new Error(`the action failed: ${result.error.code}`);
    done += 1;
    if (done % REPORT_EVERY === 0) report(done);
  }
}
await Promise.all(Array.from({ length: PARALLEL }, lane));
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
