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
