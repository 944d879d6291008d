"use client";

import { useCallback } from "react";
import {
  claimsChallengeJustAnswered,
  forgetClaimsChallenge,
  rememberClaimsChallenge,
} from "@/components/auth/claims-challenge";
import { useApiToken } from "@/components/auth/use-api-token";
import type { CallError } from "./call-error";
import { afterForegroundCalls, foregroundCall } from "./call-order";
import type { ActionResult, FieldError } from "@/lib/server-action/action-result";

export type ActionOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; error: CallError; fieldErrors?: Record<string, FieldError[]> };

type Action<T> = (accessToken: string, input: unknown) => Promise<ActionResult<T>>;

/**
 * A call the page makes on its own (whether to show a link or a button, a poll): its success says
 * nothing about whether the step-up sign-in worked, so it must not reset the loop guard. It is sent
 * after the calls a person is waiting for (call-order.ts).
 */
export type CallOptions = { background?: boolean };

/** Never loop: a challenge right after the sign-in that answered one gets a message, not a button. */
function afterClaimsChallenge<T>(result: ActionResult<T>, options: CallOptions): ActionOutcome<T> {
  if (result.ok) {
    if (!options.background) forgetClaimsChallenge();
    return result;
  }
  if (result.error.code !== "claims_challenge") return result;
  if (claimsChallengeJustAnswered()) return { ok: false, error: { code: "step_up_failed" } };
  if (result.error.claims) rememberClaimsChallenge(result.error.claims);
  return result;
}

/**
 * Calls a server action with a fresh token for the portal's API. Token and transport failures come
 * back as the browser-only codes (`session_expired`, `token_unavailable`, `network`), never thrown.
 */
export function useServerAction() {
  const { getToken, renewSession } = useApiToken();
  const send = useCallback(
    async <T>(
      action: Action<T>,
      input: unknown,
      options: CallOptions,
    ): Promise<ActionOutcome<T>> => {
      const token = await getToken();
      if (!token.ok) {
        return {
          ok: false,
          error: {
            code: token.reason === "session_expired" ? "session_expired" : "token_unavailable",
          },
        };
      }
      let result: ActionResult<T>;
      try {
        result = await action(token.accessToken, input);
        // A stopping instance refused the call before doing anything: once more, which the load
        // balancer sends to an instance that is ready (docs/deploy.md#shutdown).
        if (!result.ok && result.error.code === "draining") {
          result = await action(token.accessToken, input);
        }
      } catch {
        return { ok: false, error: { code: "network" } };
      }
      return afterClaimsChallenge(result, options);
    },
    [getToken],
  );
  const call = useCallback(
    async <T>(
      action: Action<T>,
      input: unknown,
      options: CallOptions = {},
    ): Promise<ActionOutcome<T>> => {
      // Calls run one at a time (call-order.ts): the page's own wait behind the person's.
      if (options.background) {
        await afterForegroundCalls();
        return send(action, input, options);
      }
      const ended = foregroundCall();
      try {
        return await send(action, input, options);
      } finally {
        ended();
      }
    },
    [send],
  );
  return { call, renewSession };
}
