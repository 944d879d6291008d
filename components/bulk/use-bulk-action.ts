"use client";

import { useCallback } from "react";
import { useApiToken } from "@/components/auth/use-api-token";
import type { ActionResult } from "@/lib/actions/action-result";
import type { SendError } from "@/components/invite/send-error";

export type BulkCallResult<T> = { ok: true; data: T } | { ok: false; error: SendError };

/** Calls a bulk server action with a fresh token for the portal's API, mapping every failure to a code. */
export function useBulkAction() {
  const { getToken, renewSession } = useApiToken();
  const call = useCallback(
    async <T>(
      action: (accessToken: string, input: unknown) => Promise<ActionResult<T>>,
      input: unknown,
    ): Promise<BulkCallResult<T>> => {
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
        const result = await action(token.accessToken, input);
        return result.ok ? { ok: true, data: result.data } : { ok: false, error: result.error };
      } catch {
        return { ok: false, error: { code: "network" } };
      }
    },
    [getToken],
  );
  return { call, renewSession };
}
