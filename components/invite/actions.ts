"use server";

import { z } from "zod";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { ActionResult } from "@/lib/server-action/action-result";
import { createAction } from "@/lib/server-action/create-action";
import type { Caller } from "@/lib/auth/caller";
import { getStore, type InvitationRecord } from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import { sendInvitation as postInvitation } from "@/lib/graph/invitations";
import { searchDirectoryUsers, type DirectoryPerson } from "@/lib/graph/users";
import { buildInvitationRequest, type InvitationRequest } from "@/lib/invitations/graph-request";
import { inviteSchema } from "@/lib/invitations/invite-schema";

export type SentInvitationResult = {
  invitationId: string;
  status: string;
  guestUserId: string;
  /** Null when a repeated submission is answered from the history, which does not keep the UPN. */
  userPrincipalName: string | null;
  /** Graph returns it only once (GRAPH-FACTS.md); the history keeps it. */
  redeemUrl: string;
  requestId?: string;
};

const sendInvitationInput = z.object({
  values: inviteSchema,
  // Minted by the browser once per form submission; a retry of the same submission reuses it.
  idempotencyKey: z
    .string({ error: "validation.invalid" })
    .regex(/^[\w-]{8,128}$/, { error: "validation.invalid" }),
});

function resultFromHistory(record: InvitationRecord): SentInvitationResult {
  return {
    invitationId: record.invitationId ?? "",
    status: record.graphStatus ?? "",
    guestUserId: record.guestUserId ?? "",
    userPrincipalName: null,
    redeemUrl: record.redeemUrl ?? "",
    ...(record.requestId ? { requestId: record.requestId } : {}),
  };
}

/** The attempt as recorded: what is actually sent to Graph, and who sent it (from the validated token). */
function attemptOf(caller: Caller, request: InvitationRequest, idempotencyKey: string) {
  const info = request.invitedUserMessageInfo;
  return {
    kind: "single" as const,
    idempotencyKey,
    inviterOid: caller.oid,
    inviterName: caller.name || null,
    inviterUpn: caller.upn || null,
    guestEmail: request.invitedUserEmailAddress,
    guestDisplayName: request.invitedUserDisplayName ?? null,
    userType: request.invitedUserType === "Member" ? ("Member" as const) : ("Guest" as const),
    redirectUrl: request.inviteRedirectUrl,
    messageLanguage: info?.messageLanguage ?? null,
    customMessage: info?.customizedMessageBody ?? null,
    ccRecipient: info?.ccRecipients?.[0]?.emailAddress?.address ?? null,
    sponsorIds: (request.invitedUserSponsors ?? []).flatMap((sponsor) =>
      sponsor.id ? [sponsor.id] : [],
    ),
    sendInvitationMessage: request.sendInvitationMessage ?? false,
  };
}

const sendInvitationAction = createAction({
  name: "sendInvitation",
  schema: sendInvitationInput,
  formPath: "values",
  handler: async ({ values, idempotencyKey }, { caller }): Promise<SentInvitationResult> => {
    const request = buildInvitationRequest(values);
    const store = await getStore();
    const begun = await store.beginAttempt(attemptOf(caller, request, idempotencyKey));
    if (begun.state === "succeeded") return resultFromHistory(begun.attempt);
    if (begun.state === "in_progress") throw new ActionFailure("duplicate_in_progress");

    let sent;
    try {
      sent = await postInvitation(caller, request);
    } catch (error) {
      await store
        .completeAttempt(begun.attempt.id, {
          outcome: "failed",
          errorCode: codeOf(error),
          errorMessage: error instanceof Error ? error.message : String(error),
          requestId: error instanceof GraphFailure ? (error.requestId ?? null) : null,
        })
        .catch((storeError: unknown) => logUnrecorded(storeError));
      throw error;
    }

    const { invitation, requestId } = sent;
    const result: SentInvitationResult = {
      invitationId: invitation.id ?? "",
      status: invitation.status ?? "",
      guestUserId: invitation.invitedUser?.id ?? "",
      userPrincipalName: invitation.invitedUser?.userPrincipalName ?? null,
      redeemUrl: invitation.inviteRedeemUrl ?? "",
      ...(requestId ? { requestId } : {}),
    };
    // The invitation exists now: even if recording fails, the person must get the redeem URL.
    await store
      .completeAttempt(begun.attempt.id, {
        outcome: "succeeded",
        invitationId: result.invitationId,
        guestUserId: result.guestUserId,
        redeemUrl: result.redeemUrl,
        status: result.status,
        requestId: requestId ?? null,
      })
      .catch((storeError: unknown) => logUnrecorded(storeError));
    return result;
  },
});

function codeOf(error: unknown): string {
  if (error instanceof GraphFailure) return error.code;
  if (error instanceof ActionFailure) return error.error.code;
  if (error instanceof Error && "code" in error && typeof error.code === "string")
    return error.code;
  return "internal";
}

function logUnrecorded(error: unknown): void {
  // StoreError messages carry no row data (lib/db/store-error.ts), so this cannot leak a redeem link.
  console.error(
    "[action sendInvitation] could not record the outcome:",
    error instanceof Error ? error.message : "unknown",
  );
}

const searchPeopleAction = createAction({
  name: "searchPeople",
  schema: z.object({
    query: z.string({ error: "validation.invalid" }).max(100, { error: "validation.invalid" }),
  }),
  handler: ({ query }, { caller }) => searchDirectoryUsers(caller, query),
});

/** Sends one invitation; a repeated idempotency key returns the first outcome instead of inviting again. */
export async function sendInvitation(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<SentInvitationResult>> {
  return sendInvitationAction(accessToken, input);
}

/** Members of the directory matching a prefix, for the sponsor picker. */
export async function searchPeople(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<DirectoryPerson[]>> {
  return searchPeopleAction(accessToken, input);
}
