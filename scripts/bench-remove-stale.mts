// `npm run bench:remove-stale`: removes 1,000 stale guests (invited 60 days ago, never accepted) with
// a removal job, against the local tenant with its directory write quota. Prints wall time beside
// the minimum the quota allows, the share of DELETEs answered 429, and how many guests got more than
// one DELETE that acted (must be 0). Figures, not a test.
//
// The quota is Microsoft's documented write limit (3,000 per 150 s per app and tenant) unless
// BENCH_WRITE_LIMIT=<requests>/<seconds> sets a tighter one, e.g. 200/10, to see the throttle at work.
// Everything runs in this process: the local tenant, the portal's BulkWorker and job store (PGlite in
// a temporary folder, or DATABASE_URL when set).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const GUESTS = Number(process.env.BENCH_GUESTS ?? 1_000);
const [limitRequests, limitSeconds] = (process.env.BENCH_WRITE_LIMIT ?? "3000/150")
  .split("/")
  .map(Number) as [number, number];

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-remove-stale-"));
  process.env.DATA_DIR = dataDir;
  const { startLocalTenant } = await import("../emulator/src/index.ts");
  const tenant = await startLocalTenant({
    port: 0,
    seed: "minimal",
    settings: {
      directoryWriteRateLimit: { requests: limitRequests, windowSeconds: limitSeconds },
      requestLogLimit: 50_000,
    },
  });
  process.env.LOCAL_TENANT_URL = tenant.url;
  const { resetServerConfig } = await import("../lib/config/server-config.ts");
  resetServerConfig();
  const { validateAccessToken } = await import("../lib/auth/validate-access-token.ts");
  const { getStore, closeStore } = await import("../lib/db/index.ts");
  const { resolveStaleGuests } = await import("../lib/pending/stale-guests.ts");
  const { startGuestJob } = await import("../lib/bulk/guest-jobs.ts");
  const { BulkWorker } = await import("../lib/bulk/worker.ts");
  const { TokenVault } = await import("../lib/bulk/token-vault.ts");

  try {
    const invited = new Date(Date.now() - 60 * 86_400_000).toISOString();
    for (let index = 0; index < GUESTS; index += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, GUESTS - index) }, (_, offset) =>
          fetch(`${tenant.url}/_emulator/users`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              email: `stale${index + offset}@stale-bench.example`,
              displayName: `Stale Bench ${index + offset}`,
              createdDateTime: invited,
            }),
          }).then((response) => {
            if (!response.ok) throw new Error(`seeding answered ${response.status}`);
          }),
        ),
      );
    }
    const { accessToken } = await tenant.issueToken({
      user: "megan",
      audience: "portal-api",
      lifetimeSeconds: 3600,
    });
    const caller = await validateAccessToken(accessToken);
    const store = await getStore();

    const resolveStarted = performance.now();
    const guests = await resolveStaleGuests(caller, {
      olderThanDays: 30,
      search: "Stale Bench",
      invitedByMe: false,
      guestIds: null,
    });
    const resolveMs = performance.now() - resolveStarted;
    if (guests.length !== GUESTS) throw new Error(`resolved ${guests.length} of ${GUESTS} guests`);

    const vault = new TokenVault();
    vault.put(caller);
    const started = performance.now();
    const job = await startGuestJob(
      store,
      caller,
      "remove",
      guests,
      "https://myapps.microsoft.com",
    );
    const worker = new BulkWorker({ store: getStore, vault, scanMs: 100 });
    worker.start();
    for (;;) {
      if ((await store.jobs.getJob(job.id))?.status === "completed") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    await worker.stop();
    const { counts } = await store.jobs.progress(job.id);

    const deletes = tenant.requests({ pathPrefix: "/v1.0/users/", method: "DELETE" });
    const throttled = deletes.filter((entry) => entry.status === 429).length;
    const acted = new Map<string, number>();
    for (const entry of deletes.filter((item) => item.status === 204)) {
      const id = entry.path.split("/").pop() ?? "";
      acted.set(id, (acted.get(id) ?? 0) + 1);
    }
    const twice = [...acted.values()].filter((count) => count > 1).length;
    const minimumSeconds = (Math.ceil(GUESTS / limitRequests) - 1) * limitSeconds;

    console.log(`guests removed      ${counts.succeeded} of ${GUESTS} (failed ${counts.failed})`);
    console.log(`write quota         ${limitRequests} per ${limitSeconds} s`);
    console.log(
      `resolve (server)    ${(resolveMs / 1000).toFixed(2)} s for ${guests.length} guests`,
    );
    console.log(`wall time           ${wallSeconds.toFixed(1)} s`);
    console.log(`minimum by quota    ${minimumSeconds.toFixed(1)} s`);
    console.log(
      `429 answers         ${throttled} of ${deletes.length} DELETEs (${((100 * throttled) / Math.max(1, deletes.length)).toFixed(1)} %)`,
    );
    console.log(`removed twice       ${twice}`);
    console.log(
      `in deleted items    ${guests.filter((guest) => tenant.deletedUser(guest.id)).length}`,
    );
  } finally {
    await closeStore();
    await tenant.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
