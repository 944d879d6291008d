import type { ActionError, ActionErrorCode, FieldError } from "./action-result";

/** Thrown by an action body for an expected failure; the wrapper returns it as a result. */
export class ActionFailure extends Error {
  readonly error: ActionError;
  /** For a `validation` failure the handler found (a check that needs Graph), keyed like the schema's. */
  readonly fieldErrors?: Record<string, FieldError[]>;

  constructor(
    code: ActionErrorCode,
    details: Omit<ActionError, "code"> = {},
    fieldErrors?: Record<string, FieldError[]>,
  ) {
    super(code);
    this.name = "ActionFailure";
    this.error = { code, ...details };
    if (fieldErrors) this.fieldErrors = fieldErrors;
  }
}
