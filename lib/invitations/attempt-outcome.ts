import "server-only";
import type { AttemptResult, InvitationRecord, InvitationStore } from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import type { SentInvitation } from "@/lib/graph/invitations";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { Settlement } from "./settle-outcome";
import { logger } from "@/lib/observability/logger";

// How an invitation attempt's outcome is kept, in the history and in a bulk row (recorded-send.ts).

/** A successful outcome, with the bulk row's names for its columns. */
export type SentOutcome = {
  invitationId: string | null;
  guestUserId: string | null;
  redeemUrl: string | null;
  graphStatus: string | null;
  requestId: string | null;
};

/** A send settled as sent: the silent link's outcome, or only the guest when that failed. */
export function outcomeOfSettled(settled: Extract<Settlement, { outcome: "sent" }>): SentOutcome {
  if (settled.link) return outcomeOfSent(settled.link, settled.guestUserId);
  return {
    invitationId: null,
    guestUserId: settled.guestUserId,
    redeemUrl: null,
    graphStatus: null,
    requestId: null,
  };
}

/** Sent, known by asking Graph after the answer was lost (code `outcome_recovered`). */
export async function recordSettledSent(
  store: InvitationStore,
  historyId: string,
  outcome: SentOutcome,
): Promise<void> {
  const { graphStatus, ...rest } = outcome;
  await recordOutcome(store, historyId, {
    outcome: "succeeded",
    ...rest,
    status: graphStatus,
    errorCode: "outcome_recovered",
  });
}

export function outcomeOfSent(sent: SentInvitation, knownGuestUserId?: string | null): SentOutcome {
  const { invitation, requestId } = sent;
  return {
    invitationId: invitation.id ?? null,
    guestUserId: invitation.invitedUser?.id ?? knownGuestUserId ?? null,
    redeemUrl: invitation.inviteRedeemUrl ?? null,
    graphStatus: invitation.status ?? null,
    requestId: requestId ?? null,
  };
}

export function outcomeOfRecord(record: InvitationRecord): SentOutcome {
  return {
    invitationId: record.invitationId,
    guestUserId: record.guestUserId,
    redeemUrl: record.redeemUrl,
    graphStatus: record.graphStatus,
    requestId: record.requestId,
  };
}

/** The portal's code for a failure: Graph's, the action's or the identity platform's own. */
export function codeOf(error: unknown): string {
  if (error instanceof GraphFailure) return error.code;
  if (error instanceof ActionFailure) return error.error.code;
  // AuthError and other coded errors (e.g. a database's) keep their code.
  if (error instanceof Error && "code" in error && typeof error.code === "string")
    return error.code;
  return "internal";
}

/** A failure as the history and a bulk row keep it. */
export function failureOf(error: unknown) {
  return {
    errorCode: codeOf(error),
    errorMessage: error instanceof Error ? error.message : String(error),
    requestId: error instanceof GraphFailure ? (error.requestId ?? null) : null,
  };
}

export async function recordSucceeded(
  store: InvitationStore,
  historyId: string,
  outcome: SentOutcome,
): Promise<void> {
  const { graphStatus, ...rest } = outcome;
  await recordOutcome(store, historyId, { outcome: "succeeded", ...rest, status: graphStatus });
}

export async function recordFailed(
  store: InvitationStore,
  historyId: string,
  error: unknown,
): Promise<void> {
  await recordOutcome(store, historyId, { outcome: "failed", ...failureOf(error) });
}

/** Completes a recorded attempt; a store failure is logged, never thrown over Graph's answer. */
export async function recordOutcome(
  store: InvitationStore,
  historyId: string,
  result: AttemptResult,
): Promise<void> {
  await store.completeAttempt(historyId, result).catch(logUnrecorded);
}

function logUnrecorded(error: unknown): void {
  // StoreError messages carry no row data (lib/db/store-error.ts), so this cannot leak a redeem link.
  logger().error({ err: error }, "could not record an invitation's outcome in the history");
}
