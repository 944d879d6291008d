import { randomUUID } from "node:crypto";
import type { Invitation } from "@microsoft/microsoft-graph-types";
import { AuthError } from "@/lib/auth/auth-error";
import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRecord, BulkJobRowRecord, InvitationStore } from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import { sendInvitation, type SentInvitation } from "@/lib/graph/invitations";
import { findUsersByMail, type DirectoryMatch } from "@/lib/graph/users-by-mail";
import { TokenVault } from "./token-vault";

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
  lookup?: (caller: Caller, addresses: string[]) => Promise<DirectoryMatch[]>;
};

/** Graph answered but did not act (503/504 after the client's own retries): safe to send again, a few times. */
const MAX_SEND_ATTEMPTS = 5;
const DEFAULT_THROTTLE_WAIT_MS = 5_000;
/** Graph's clock and ours may differ; a guest created this long before the row was sent still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Works through running bulk jobs in the background, on behalf of each job's owner, with the token
 * their browser last brought (TokenVault). Every row goes queued → sending (committed before the
 * POST) → succeeded | failed, so a crash can leave at most the rows in flight in `sending`.
 *
 * Such a row is ambiguous: the POST may or may not have reached Graph. It is resolved, not resent
 * blindly: Graph is asked for a user with that mail. One created after (or just before) the row
 * started → the invitation went through (recorded as sent, without its redeem link, which Graph
 * returns only once). None → it never arrived, and the row is queued again. A user that existed
 * before → re-inviting would send a second e-mail, so the row fails as `outcome_unknown` and the
 * person decides.
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
      send: options.send ?? ((caller, request) => sendInvitation(caller, request)),
      lookup: options.lookup ?? ((caller, addresses) => findUsersByMail(caller, addresses)),
    };
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
      try {
        await this.scan();
      } catch (error) {
        console.error(
          "[bulk worker] scan failed:",
          error instanceof Error ? error.message : "unknown",
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.scanMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async scan(): Promise<void> {
    const store = await this.options.store();
    for (const job of await store.jobs.runnableJobs()) {
      if (!this.running) return;
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
          console.error(
            "[bulk worker] job failed:",
            error instanceof Error ? error.message : "unknown",
          );
        })
        .finally(() => this.active.delete(job.id));
      this.active.set(job.id, run);
    }
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
    const onSignInNeeded = () => {
      pausedForSignIn = true;
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
        const row = await jobs.claimNextRow(job.id, this.workerId);
        if (row) {
          const work = this.sendRow(store, job, row, caller, onSignInNeeded).finally(() =>
            inFlight.delete(row.id),
          );
          inFlight.set(row.id, work);
          continue;
        }
        if (inFlight.size > 0) {
          await Promise.race(inFlight.values());
          continue;
        }
        const current = await jobs.getJob(job.id);
        if (current?.status !== "running") break;
        const stranded = await jobs.strandedRows(job.id, this.options.strandedAfterMs);
        if (stranded.length > 0) {
          await this.resolveStranded(store, stranded, caller);
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
      if (pausedForSignIn) await jobs.pauseJob(job.id, "sign_in");
      await jobs.releaseJob(job.id, this.workerId);
    }
  }

  private async sendRow(
    store: InvitationStore,
    job: BulkJobRecord,
    row: BulkJobRowRecord,
    caller: Caller,
    onSignInNeeded: () => void,
  ): Promise<void> {
    const jobs = store.jobs;
    const request = (row.request ?? {}) as Invitation;
    const begun = await store.beginAttempt(attemptOf(job, row, request), { staleAfterMs: 0 });
    if (begun.state === "succeeded") {
      // Sent and recorded before a crash, but the row was not updated: take the recorded outcome.
      await jobs.completeRow(row.id, {
        state: "succeeded",
        invitationId: begun.attempt.invitationId,
        guestUserId: begun.attempt.guestUserId,
        redeemUrl: begun.attempt.redeemUrl,
        graphStatus: begun.attempt.graphStatus,
        requestId: begun.attempt.requestId,
      });
      return;
    }
    const historyId = begun.attempt.id;
    await jobs.setRowHistory(row.id, historyId);

    let sent: SentInvitation;
    try {
      sent = await this.options.send(caller, request);
    } catch (error) {
      await this.handleFailure(store, row, historyId, caller, error, onSignInNeeded);
      return;
    }
    const { invitation, requestId } = sent;
    const outcome = {
      invitationId: invitation.id ?? null,
      guestUserId: invitation.invitedUser?.id ?? null,
      redeemUrl: invitation.inviteRedeemUrl ?? null,
      requestId: requestId ?? null,
    };
    await jobs.completeRow(row.id, {
      state: "succeeded",
      ...outcome,
      graphStatus: invitation.status ?? null,
    });
    await store
      .completeAttempt(historyId, {
        outcome: "succeeded",
        ...outcome,
        status: invitation.status ?? null,
      })
      .catch(logUnrecorded);
  }

  private async handleFailure(
    store: InvitationStore,
    row: BulkJobRowRecord,
    historyId: string,
    caller: Caller,
    error: unknown,
    onSignInNeeded: () => void,
  ): Promise<void> {
    const jobs = store.jobs;
    const code = codeOf(error);
    const requestId = error instanceof GraphFailure ? (error.requestId ?? null) : null;
    const recordFailure = () =>
      store
        .completeAttempt(historyId, {
          outcome: "failed",
          errorCode: code,
          errorMessage: error instanceof Error ? error.message : String(error),
          requestId,
        })
        .catch(logUnrecorded);

    // No answer at all: Graph may have acted. Leave the row in `sending`; it is resolved as stranded.
    if (
      error instanceof GraphFailure &&
      error.code === "graph_unreachable" &&
      error.status === undefined
    ) {
      return;
    }
    await recordFailure();
    if (error instanceof GraphFailure && error.code === "throttled") {
      // Still throttled after the client's own retries: Graph did not act, so the row waits and goes again.
      const waitMs = (error.retryAfterSeconds ?? 0) * 1000 || DEFAULT_THROTTLE_WAIT_MS;
      await jobs.requeueRow(row.id, waitMs, { errorCode: code, requestId });
      return;
    }
    if (
      error instanceof GraphFailure &&
      error.code === "graph_unreachable" &&
      (error.status === 503 || error.status === 504) &&
      row.attemptCount < MAX_SEND_ATTEMPTS
    ) {
      await jobs.requeueRow(row.id, 2_000 * row.attemptCount, { errorCode: code, requestId });
      return;
    }
    if (
      error instanceof AuthError &&
      (error.code === "session_expired" || error.code === "unauthenticated")
    ) {
      // The on-behalf-of exchange was refused before anything was sent: the row waits for a new token.
      this.options.vault.refuse(caller);
      onSignInNeeded();
      await jobs.requeueRow(row.id, 0, { errorCode: "session_expired" });
      return;
    }
    if (error instanceof AuthError && error.code === "graph_unreachable") {
      await jobs.requeueRow(row.id, 5_000, { errorCode: code });
      return;
    }
    await jobs.completeRow(row.id, {
      state: "failed",
      errorCode: code,
      errorMessage: error instanceof Error ? error.message : String(error),
      requestId,
    });
  }

  /** Rows left in `sending` by a worker that died (or a request that got no answer): see the class comment. */
  private async resolveStranded(
    store: InvitationStore,
    rows: BulkJobRowRecord[],
    caller: Caller,
  ): Promise<void> {
    const jobs = store.jobs;
    let matches: DirectoryMatch[];
    try {
      matches = await this.options.lookup(
        caller,
        rows.map((row) => row.email),
      );
    } catch (error) {
      console.error(
        "[bulk worker] could not check stranded rows:",
        error instanceof Error ? error.message : "unknown",
      );
      await sleep(2_000);
      return;
    }
    for (const row of rows) {
      const startedAt = (row.sendingAt ?? new Date(0)).getTime();
      const users = matches.filter((match) => match.mail === row.email);
      const created = users.find(
        (user) =>
          user.createdDateTime && Date.parse(user.createdDateTime) >= startedAt - CLOCK_SKEW_MS,
      );
      const history = row.historyId;
      if (created) {
        await jobs.completeRow(row.id, {
          state: "succeeded",
          guestUserId: created.id,
          graphStatus: created.externalUserState,
          errorCode: "outcome_recovered",
        });
        if (history)
          await store
            .completeAttempt(history, {
              outcome: "succeeded",
              guestUserId: created.id,
              status: created.externalUserState,
            })
            .catch(logUnrecorded);
      } else if (users.length > 0) {
        await jobs.completeRow(row.id, {
          state: "failed",
          guestUserId: users[0]!.id,
          errorCode: "outcome_unknown",
        });
        if (history)
          await store
            .completeAttempt(history, { outcome: "failed", errorCode: "outcome_unknown" })
            .catch(logUnrecorded);
      } else {
        if (history)
          await store
            .completeAttempt(history, { outcome: "failed", errorCode: "not_sent" })
            .catch(logUnrecorded);
        await jobs.requeueRow(row.id, 0);
      }
    }
  }
}

function attemptOf(job: BulkJobRecord, row: BulkJobRowRecord, request: Invitation) {
  const info = request.invitedUserMessageInfo;
  return {
    kind: "bulk" as const,
    // One history entry per row; a row sent again (after a throttle) reuses it.
    idempotencyKey: `bulk:${row.id}`,
    inviterOid: job.ownerOid,
    inviterName: job.ownerName,
    inviterUpn: job.ownerUpn,
    guestEmail: request.invitedUserEmailAddress ?? row.email,
    guestDisplayName: request.invitedUserDisplayName ?? null,
    userType: request.invitedUserType === "Member" ? ("Member" as const) : ("Guest" as const),
    redirectUrl: request.inviteRedirectUrl ?? "",
    messageLanguage: info?.messageLanguage ?? null,
    customMessage: info?.customizedMessageBody ?? null,
    sendInvitationMessage: request.sendInvitationMessage ?? false,
  };
}

function codeOf(error: unknown): string {
  if (error instanceof GraphFailure) return error.code;
  if (error instanceof AuthError) return error.code;
  return "internal";
}

function logUnrecorded(error: unknown): void {
  // StoreError messages carry no row data, so this cannot leak a redeem link.
  console.error(
    "[bulk worker] could not record an outcome in the history:",
    error instanceof Error ? error.message : "unknown",
  );
}

const WORKER = Symbol.for("guest-invitations-portal.bulk-worker");
type WithWorker = typeof globalThis & { [WORKER]?: BulkWorker };

/** The process-wide worker, started on first use (a bulk action, or the server's start). */
export async function ensureBulkWorker(): Promise<BulkWorker> {
  const holder = globalThis as WithWorker;
  if (!holder[WORKER]) {
    const { getStore } = await import("@/lib/db");
    holder[WORKER] ??= new BulkWorker({ store: getStore, vault: new TokenVault() });
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
