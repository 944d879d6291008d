import { ACTION_ERROR_CODES, type ActionError } from "@/lib/server-action/action-result";

/**
 * What can go wrong calling a server action: the server's codes plus three only the browser sees
 * (`step_up_failed`: a claims challenge came back right after the sign-in that answered one).
 */
export const CALL_ERROR_CODES = [
  ...ACTION_ERROR_CODES,
  "network",
  "token_unavailable",
  "step_up_failed",
] as const;
export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];
export type CallError = Omit<ActionError, "code"> & { code: CallErrorCode };

/** Errors that an interactive sign-in fixes. */
export function needsSignIn(error: CallError): boolean {
  return (
    error.code === "session_expired" ||
    error.code === "unauthenticated" ||
    error.code === "claims_challenge"
  );
}
