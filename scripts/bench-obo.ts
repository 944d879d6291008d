// `npm run bench:obo`: the server's memory while 2,000 distinct people each call one action that
// exchanges their token on behalf of them (OBO) and reads their roles from Graph. msal-node's own
// cache would keep every person's tokens forever; the portal's caches are bounded, so the heap must
// level off once they are full. Figures are printed, never asserted. Runs the action in this process
// against the local tenant in process (no browser, no Next.js server).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalTenant } from "../emulator/src/index";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2_000);
const REPORT_EVERY = 250;
const PARALLEL = 8;

const dataDir = mkdtempSync(path.join(tmpdir(), "bench-obo-"));
const tenant = await startLocalTenant({ port: 0, seed: "minimal" });
process.env.LOCAL_TENANT_URL = tenant.url;
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

// Imported after the environment is set: the configuration is read on first use.
const { getPendingCapabilities } = await import("../components/pending/actions");
const { onBehalfOfCacheSize } = await import("../lib/auth/on-behalf-of");

const ids: string[] = [];
for (let index = 0; index < PEOPLE; index += 1) {
  const response = await fetch(`${tenant.url}/_emulator/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `bench.person.${index}@contoso.example`,
      displayName: `Bench Person ${index}`,
      userType: "Member",
      internal: true,
    }),
  });
  if (!response.ok) throw new Error(`creating person ${index}: ${response.status}`);
  ids.push(((await response.json()) as { id: string }).id);
}

function heapMegabytes(): string {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return `heap ${(heapUsed / 2 ** 20).toFixed(1)} MB, rss ${(rss / 2 ** 20).toFixed(1)} MB`;
}

console.log(`people  ${"memory".padEnd(34)}  OBO cache entries`);
console.log(`${"0".padStart(6)}  ${heapMegabytes().padEnd(34)}  ${onBehalfOfCacheSize()}`);
let next = 0;
let done = 0;
async function lane(): Promise<void> {
  while (next < ids.length) {
    const id = ids[next++]!;
    const { accessToken } = await tenant.issueToken({ user: id, audience: "portal-api" });
    const result = await getPendingCapabilities(accessToken, {});
    if (!result.ok) throw new Error(`the action failed: ${result.error.code}`);
    done += 1;
    if (done % REPORT_EVERY === 0) {
      console.log(
        `${String(done).padStart(6)}  ${heapMegabytes().padEnd(34)}  ${onBehalfOfCacheSize()}`,
      );
    }
  }
}
await Promise.all(Array.from({ length: PARALLEL }, lane));

await tenant.close();
rmSync(dataDir, { recursive: true, force: true });
