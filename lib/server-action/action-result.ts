import { GRAPH_FAILURE_CODES } from "@/lib/graph/graph-failure";

/**
 * The contract between server actions and the browser (docs/architecture.md). Every code an action can
 * answer with, once: the Graph failures plus the failures of the action itself. Safe to import anywhere.
 */
export const ACTION_ERROR_CODES = [
  "unauthenticated",
  "validation",
  ...GRAPH_FAILURE_CODES,
  "claims_challenge",
  "blocked_by_policy",
  "consent_required",
  "portal_misconfigured",
  "duplicate_in_progress",
  "rate_limited",
  "idempotency_mismatch",
  "too_many_drafts",
  "draining",
  "internal",
] as const;

export type ActionErrorCode = (typeof ACTION_ERROR_CODES)[number];

export type ActionError = {
  code: ActionErrorCode;
  requestId?: string;
  retryAfterSeconds?: number;
  /** `claims_challenge`: what the browser's next sign-in must satisfy (`acquireTokenRedirect({ claims })`). */
  claims?: string;
  /** `consent_required`: the Graph permission without consent, e.g. User.ReadWrite.All. */
  permission?: string;
  /** `consent_required`, for people who may grant it: the tenant's admin-consent page. */
  adminConsentUrl?: string;
};

/** An i18n key under "validation." with its interpolation values. */
export type FieldError = { key: string; params?: Record<string, string | number> };

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: ActionError; fieldErrors?: Record<string, FieldError[]> };
