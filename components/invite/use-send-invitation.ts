"use client";

import { useCallback, useRef, useState } from "react";
import { useServerAction } from "@/components/server-action/use-server-action";
import type { FieldError } from "@/lib/server-action/action-result";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { sendInvitation, type SentInvitationResult } from "./actions";
import type { CallError } from "@/components/server-action/call-error";
import { attemptFor, type SubmissionAttempt } from "./submission-attempt";

export type SendOutcome =
  | { ok: true; result: SentInvitationResult }
  | { ok: false; error: CallError; fieldErrors?: Record<string, FieldError[]> };

/** `restoredAttempt`: the unfinished submission saved before a sign-in round trip, if any. */
export function useSendInvitation(restoredAttempt: SubmissionAttempt | null) {
  const { call } = useServerAction();
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
        // On a network failure the request may still have reached Graph: keeping the key makes the retry safe.
        const outcome = await call(sendInvitation, {
          values,
          idempotencyKey: attempt.current.idempotencyKey,
        });
        if (!outcome.ok) return outcome;
        attempt.current = null;
        return { ok: true, result: outcome.data };
      } finally {
        inFlight.current = false;
        setSending(false);
      }
    },
    [call],
  );

  return {
    send,
    sending,
    /** The unfinished submission, saved with the draft so a retry after signing in reuses its key. */
    pendingAttempt: () => attempt.current,
  };
}
