/** Choices of the pending list, shared by the browser and the server (no server-only imports). */
export const PENDING_PAGE_SIZES = [25, 50, 100] as const;
export type PendingPageSize = (typeof PENDING_PAGE_SIZES)[number];
export type PendingOrder = "default" | "newest" | "oldest";
