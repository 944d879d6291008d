/** Limits of one bulk file. Kept free of zod and papaparse so the page can show them on first paint. */
export const MAX_BULK_ROWS = 10_000;
export const MAX_BULK_FILE_BYTES = 5 * 1024 * 1024;
/** Drafts (jobs not started) one person may hold, and how long an abandoned one is kept. */
export const MAX_DRAFTS_PER_PERSON = 5;
export const DRAFT_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** The invitation manager's documented limit: 150 requests per 5 seconds per tenant (docs/graph-behaviour.md#throttling). */
export const INVITATIONS_PER_WINDOW = 150;
export const INVITATION_WINDOW_SECONDS = 5;
/** Addresses per call of the check against the tenant (Graph is asked 15 at a time). */
export const MAX_ADDRESSES_PER_CHECK = 300;
