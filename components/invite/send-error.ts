import type { ActionError, ActionErrorCode } from "@/lib/actions/action-result";

/** What can go wrong when sending: the server's codes plus two that only the browser sees. */
export type SendErrorCode = ActionErrorCode | "network" | "token_unavailable";
export type SendError = Omit<ActionError, "code"> & { code: SendErrorCode };

/** Errors that an interactive sign-in fixes. */
export function needsSignIn(error: SendError): boolean {
  return error.code === "session_expired" || error.code === "unauthenticated";
}
