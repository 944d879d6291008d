import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { postInvitation } from "@/lib/graph/invitations";
import { buildInvitationRequest } from "./graph-request";
import type { InviteFormValues } from "./invite-schema";
import { sendAs } from "./settle-graph";
import { attemptOf, inviterOf, recordedSend, type RecordedSend } from "./recorded-send";

/** Sends one invitation from the form; a repeated idempotency key returns the first outcome. */
export async function inviteGuest(
  caller: Caller,
  values: InviteFormValues,
  idempotencyKey: string,
): Promise<RecordedSend> {
  const request = buildInvitationRequest(values);
  return recordedSend(
    attemptOf("single", inviterOf(caller), request, { idempotencyKey }),
    sendAs(caller, () => postInvitation(caller, request)),
  );
}
