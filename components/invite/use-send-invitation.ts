"use client";

import { useCallback, useRef, useState } from "react";
import { useApiToken } from "@/components/auth/use-api-token";
import type { FieldError } from "@/lib/actions/action-result";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { sendInvitation, type SentInvitationResult } from "./actions";
import type { SendError } from "./send-error";
import { attemptFor, type SubmissionAttempt } from "./submission-attempt";

export type SendOutcome =
  | { ok: true; result: SentInvitationResult }
  | { ok: false; error: SendError; fieldErrors?: Record<string, FieldError[]> };

/** `restoredAttempt`: the unfinished submission saved before a sign-in round trip, if any. */
export function useSendInvitation(restoredAttempt: SubmissionAttempt | null) {
  const { getToken } = useApiToken();
  const attempt = useRef<SubmissionAttempt | null>(restoredAttempt);
  // A ref, not state: a second click can arrive before React re-renders the disabled button.
  const inFlight = useRef(false);
  const [sending, setSending] = useState(false);

  const send = useCallback(
    async (values: InviteFormValues): Promise<SendOutcome | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setSending(true);
      try {
        attempt.current = attemptFor(attempt.current, values);
        const token = await getToken();
        if (!token.ok) {
          return {
            ok: false,
            error: {
              code: token.reason === "session_expired" ? "session_expired" : "token_unavailable",
            },
          };
        }
        let response;
        try {
          response = await sendInvitation(token.accessToken, {
            values,
            idempotencyKey: attempt.current.idempotencyKey,
          });
        } catch {
          // The request may still have reached Graph: keeping the key makes the retry safe.
          return { ok: false, error: { code: "network" } };
        }
        if (response.ok) {
          attempt.current = null;
          return { ok: true, result: response.data };
        }
        return {
          ok: false,
          error: response.error,
          ...(response.fieldErrors ? { fieldErrors: response.fieldErrors } : {}),
        };
      } finally {
        inFlight.current = false;
        setSending(false);
      }
    },
    [getToken],
  );

  return {
    send,
    sending,
    /** The unfinished submission, saved with the draft so a retry after signing in reuses its key. */
    pendingAttempt: () => attempt.current,
  };
}
