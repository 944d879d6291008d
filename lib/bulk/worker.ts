import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRecord, InvitationStore } from "@/lib/db";
import { postBulkInvitation, type SentInvitation } from "@/lib/graph/invitations";
import { findUsersByMail } from "@/lib/graph/users-by-mail";
import { deleteUser, whereIsUser } from "@/lib/graph/deleted-users";
import { recoverStranded, type MailLookup } from "./recover-stranded";
import { recoverStrandedRemovals, removeRow, type RowRemover } from "./remove-row";
import { rowGroupsJoiner } from "./row-groups";
import { sendRow } from "./send-row";
import { TokenVault } from "./token-vault";
import { logger } from "@/lib/observability/logger";
import { metrics, setQueueDepthSource } from "@/lib/observability/metrics";
import { withRequestContext } from "@/lib/observability/request-context";

export type BulkWorkerOptions = {
  store: () => Promise<InvitationStore>;
  vault: TokenVault;
  /** Distinguishes this process in leases; a restarted process is a new worker. */
  workerId?: string;
  /** How long a job stays this worker's without renewal (renewed every third of it). */
  leaseMs?: number;
  /** How often idle workers look for jobs. */
  scanMs?: number;
  /** Rows sent at the same time per job (the shared limiter sets the pace). */
  concurrency?: number;
  /** A row in `sending` that no live request accounts for is resolved after this long. */
  strandedAfterMs?: number;
  /** A job without a token for its owner waits this long (another instance may have one) before pausing. */
  signInGraceMs?: number;
  send?: (caller: Caller, request: Invitation) => Promise<SentInvitation>;
  lookup?: MailLookup;
  /** Removal jobs: DELETE /users/{id}, and where a user is after a DELETE lost its answer. */
  remove?: RowRemover["remove"];
  where?: RowRemover["where"];
};

/**
 * Works through running bulk jobs in the background, on behalf of each job's owner, with the token
 * their browser last brought (TokenVault). Every row goes queued → sending (committed before the
 * POST) → succeeded | failed, so a crash can leave at most the rows in flight in `sending`; those
 * are resolved against Graph (recover-stranded.ts). Sending one row is send-row.ts.
 */
export class BulkWorker {
  readonly workerId: string;
  private readonly options: Required<Omit<BulkWorkerOptions, "workerId">>;
  private readonly active = new Map<string, Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(options: BulkWorkerOptions) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.options = {
      store: options.store,
      vault: options.vault,
      leaseMs: options.leaseMs ?? 15_000,
      scanMs: options.scanMs ?? 1_000,
      concurrency: options.concurrency ?? 8,
      strandedAfterMs: options.strandedAfterMs ?? 30_000,
      signInGraceMs: options.signInGraceMs ?? 20_000,
      send: options.send ?? ((caller, request) => postBulkInvitation(caller, request)),
      lookup: options.lookup ?? ((caller, addresses) => findUsersByMail(caller, addresses)),
      remove: options.remove ?? ((caller, userId) => deleteUser(caller, userId)),
      where: options.where ?? ((caller, userId) => whereIsUser(caller, userId)),
    };
  }

  /** The jobs this worker is sending now. */
  heldJobIds(): string[] {
    return [...this.active.keys()];
  }

  get vault(): TokenVault {
    return this.options.vault;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.scanLoop();
  }

  /** Looks for work now rather than at the next scan. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops taking rows, lets requests in flight finish and releases the leases. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all(this.active.values());
  }

  private async scanLoop(): Promise<void> {
    while (this.running) {
      let waitMs = this.options.scanMs;
      try {
        waitMs = await this.scan();
      } catch (error) {
        logger().error({ err: error }, "bulk worker scan failed");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /** Takes what it can; answers how long to wait before the next scan. */
  private async scan(): Promise<number> {
    const store = await this.options.store();
    for (const job of await store.jobs.runnableJobs()) {
      if (!this.running) return this.options.scanMs;
      if (this.active.has(job.id)) continue;
      const caller = this.options.vault.get(job.ownerOid);
      if (!caller) {
        const idleSince = (job.leaseExpiresAt ?? job.updatedAt).getTime();
        if (Date.now() - idleSince > this.options.signInGraceMs) {
          await store.jobs.pauseJob(job.id, "sign_in");
        }
        continue;
      }
      const claimed = await store.jobs.claimJob(job.id, this.workerId, this.options.leaseMs);
      if (!claimed) continue;
      const run = this.runJob(store, claimed)
        .catch((error: unknown) => {
          logger().error({ err: error, jobId: job.id }, "bulk job failed");
        })
        .finally(() => this.active.delete(job.id));
      this.active.set(job.id, run);
    }
    // A job another worker holds is taken over as its lease ends, not up to a scan later.
    const leaseEnd = await store.jobs.nextLeaseEndInMs(this.workerId);
    return leaseEnd === undefined
      ? this.options.scanMs
      : Math.min(this.options.scanMs, Math.ceil(leaseEnd) + 10);
  }

  private async runJob(store: InvitationStore, job: BulkJobRecord): Promise<void> {
    const jobs = store.jobs;
    const inFlight = new Map<string, Promise<void>>();
    let leaseLost = false;
    const renew = setInterval(
      () => {
        jobs
          .claimJob(job.id, this.workerId, this.options.leaseMs)
          .then((held) => {
            if (!held) leaseLost = true;
          })
          .catch(() => {
            leaseLost = true;
          });
      },
      Math.max(50, Math.floor(this.options.leaseMs / 3)),
    );
    let pausedForSignIn = false;
    let signInClaims: string | undefined;
    const onSignInNeeded = (claims?: string) => {
      pausedForSignIn = true;
      signInClaims ??= claims;
    };

    try {
      while (this.running && !leaseLost && !pausedForSignIn) {
        const caller = this.options.vault.get(job.ownerOid);
        if (!caller) {
          pausedForSignIn = true;
          break;
        }
        if (inFlight.size >= this.options.concurrency) {
          await Promise.race(inFlight.values());
          continue;
        }
        const claimed = await jobs.claimNextRows(
          job.id,
          this.workerId,
          this.options.concurrency - inFlight.size,
        );
        for (const row of claimed) {
          const sender = {
            store,
            vault: this.options.vault,
            send: this.options.send,
            lookup: this.options.lookup,
            remove: this.options.remove,
            where: this.options.where,
            onSignInNeeded,
          };
          // The row id is the Graph client-request-id and the log lines' request id.
          const work = withRequestContext({ requestId: row.id, jobId: job.id }, () =>
            job.kind === "remove"
              ? removeRow(sender, job, row, caller)
              : sendRow(sender, job, row, caller),
          )
            .then(() => metrics().bulkRowsProcessed.inc())
            .finally(() => inFlight.delete(row.id));
          inFlight.set(row.id, work);
        }
        if (claimed.length > 0) continue;
        if (inFlight.size > 0) {
          await Promise.race(inFlight.values());
          continue;
        }
        const current = await jobs.getJob(job.id);
        if (current?.status !== "running") break;
        const stranded = await jobs.strandedRows(job.id, this.options.strandedAfterMs);
        if (stranded.length > 0) {
          if (job.kind === "remove") {
            const remover = {
              store,
              vault: this.options.vault,
              remove: this.options.remove,
              where: this.options.where,
              onSignInNeeded,
            };
            await recoverStrandedRemovals(remover, job, stranded, caller);
          } else
            await recoverStranded(
              store,
              stranded,
              caller,
              this.options.lookup,
              this.options.send,
              rowGroupsJoiner(store, job, caller),
            );
          continue;
        }
        const dueInMs = await jobs.nextDueInMs(job.id);
        if (dueInMs === undefined) {
          if (await jobs.finishIfDone(job.id)) break;
          // Rows still in `sending` from a worker that died: wait until they count as stranded.
          await sleep(Math.min(1_000, this.options.strandedAfterMs));
          continue;
        }
        await sleep(Math.min(Math.max(dueInMs, 20), 1_000));
      }
    } finally {
      await Promise.all(inFlight.values());
      clearInterval(renew);
      if (pausedForSignIn) await jobs.pauseJob(job.id, "sign_in", signInClaims);
      await jobs.releaseJob(job.id, this.workerId);
    }
  }
}

/** BULK_LEASE_MS and BULK_STRANDED_AFTER_MS, for benchmarks and operators who need faster take-over. */
function timingsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<BulkWorkerOptions, "leaseMs" | "strandedAfterMs"> {
  const lease = Number(env.BULK_LEASE_MS);
  const stranded = Number(env.BULK_STRANDED_AFTER_MS);
  return {
    ...(Number.isInteger(lease) && lease >= 1_000 ? { leaseMs: lease } : {}),
    ...(Number.isInteger(stranded) && stranded >= 1_000 ? { strandedAfterMs: stranded } : {}),
  };
}

const WORKER = Symbol.for("guest-invitations-portal.bulk-worker");
type WithWorker = typeof globalThis & { [WORKER]?: BulkWorker };

/** The process-wide worker, started on first use (a bulk action, or the server's start). */
export async function ensureBulkWorker(): Promise<BulkWorker> {
  const holder = globalThis as WithWorker;
  if (!holder[WORKER]) {
    const { getStore } = await import("@/lib/db");
    const created = new BulkWorker({
      store: getStore,
      vault: new TokenVault(),
      ...timingsFromEnv(process.env),
    });
    holder[WORKER] ??= created;
    setQueueDepthSource(async () => {
      const store = await getStore();
      const held = holder[WORKER]?.heldJobIds() ?? [];
      const progress = await Promise.all(held.map((jobId) => store.jobs.progress(jobId)));
      return progress.reduce((sum, { counts }) => sum + counts.queued, 0);
    });
  }
  const worker = holder[WORKER];
  worker.start();
  return worker;
}

/** Stops the process-wide worker (tests). */
export async function stopBulkWorker(): Promise<void> {
  const holder = globalThis as WithWorker;
  const worker = holder[WORKER];
  delete holder[WORKER];
  await worker?.stop();
}
