/** Choices of the pending list, shared by the browser, the actions and the Graph query (no server-only imports). */
export const PENDING_PAGE_SIZES = [25, 50, 100] as const;
export type PendingPageSize = (typeof PENDING_PAGE_SIZES)[number];
export const DEFAULT_PENDING_PAGE_SIZE: PendingPageSize = 25;

/** `default` is Graph's own order (with sponsors); the others sort by creation time, an advanced query. */
export const PENDING_ORDERS = ["default", "newest", "oldest"] as const;
export type PendingOrder = (typeof PENDING_ORDERS)[number];
export const DEFAULT_PENDING_ORDER: PendingOrder = "default";

/** Longest search prefix sent to Graph. */
export const PENDING_SEARCH_MAX_LENGTH = 100;

/** The stale filter: invited more than this many days ago and still pending (issue 14). */
export const STALE_AGES_DAYS = [30, 60, 90] as const;
export type StaleAgeDays = (typeof STALE_AGES_DAYS)[number];

/** The instant a guest must have been invited at or before to be older than `days`. */
export function staleCutoff(days: number, now: number = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString();
}
