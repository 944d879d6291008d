"use client";

import { useCallback } from "react";
import { useApiToken } from "@/components/auth/use-api-token";
import type { CallError } from "./call-error";
import type { ActionResult, FieldError } from "@/lib/server-action/action-result";

export type ActionOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; error: CallError; fieldErrors?: Record<string, FieldError[]> };

type Action<T> = (accessToken: string, input: unknown) => Promise<ActionResult<T>>;

/**
 * Calls a server action with a fresh token for the portal's API. Token and transport failures come
 * back as the browser-only codes (`session_expired`, `token_unavailable`, `network`), never thrown.
 */
export function useServerAction() {
  const { getToken, renewSession } = useApiToken();
  const call = useCallback(
    async <T>(action: Action<T>, input: unknown): Promise<ActionOutcome<T>> => {
      const token = await getToken();
      if (!token.ok) {
        return {
          ok: false,
          error: {
            code: token.reason === "session_expired" ? "session_expired" : "token_unavailable",
          },
        };
      }
      try {
        return await action(token.accessToken, input);
      } catch {
        return { ok: false, error: { code: "network" } };
      }
    },
    [getToken],
  );
  return { call, renewSession };
}
