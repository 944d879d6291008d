import { GRAPH_FAILURE_CODES } from "@/lib/graph/graph-failure";

/**
 * The contract between server actions and the browser (docs/architecture.md). Every code an action can
 * answer with, once: the Graph failures plus the failures of the action itself. Safe to import anywhere.
 */
export const ACTION_ERROR_CODES = [
  "unauthenticated",
  "validation",
  ...GRAPH_FAILURE_CODES,
  "duplicate_in_progress",
  "idempotency_mismatch",
  "too_many_drafts",
  "internal",
] as const;

export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

export type ActionError = { code: ActionErrorCode; requestId?: string; retryAfterSeconds?: number };

/** An i18n key under "validation." with its interpolation values. */
export type FieldError = { key: string; params?: Record<string, string | number> };

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError; fieldErrors?: Record<string, FieldError[]> };
