/** The contract between server actions and the browser (docs/architecture.md). Types only: safe to import anywhere. */
export type ActionErrorCode =
  | "unauthenticated"
  | "session_expired"
  | "forbidden"
  | "validation"
  | "invitations_restricted"
  | "member_exists"
  | "domain_blocked"
  | "email_mismatch"
  | "throttled"
  | "graph_unreachable"
  | "graph_error"
  | "duplicate_in_progress"
  | "internal";

export type ActionError = { code: ActionErrorCode; requestId?: string; retryAfterSeconds?: number };

/** An i18n key under "validation." with its interpolation values. */
export type FieldError = { key: string; params?: Record<string, string | number> };

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError; fieldErrors?: Record<string, FieldError[]> };
