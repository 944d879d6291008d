import type { ActionError, ActionErrorCode } from "@/lib/server-action/action-result";

/** What can go wrong calling a server action: the server's codes plus two only the browser sees. */
export type CallErrorCode = ActionErrorCode | "network" | "token_unavailable";
export type CallError = Omit<ActionError, "code"> & { code: CallErrorCode };

/** Errors that an interactive sign-in fixes. */
export function needsSignIn(error: CallError): boolean {
  return error.code === "session_expired" || error.code === "unauthenticated";
}
