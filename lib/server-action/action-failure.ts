import type { ActionError, ActionErrorCode } from "./action-result";

/** Thrown by an action body for an expected failure; the wrapper returns it as a result. */
export class ActionFailure extends Error {
  readonly error: ActionError;

  constructor(code: ActionErrorCode, details: Omit<ActionError, "code"> = {}) {
    super(code);
    this.name = "ActionFailure";
    this.error = { code, ...details };
  }
}
