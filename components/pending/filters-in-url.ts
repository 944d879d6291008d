import type { PendingFilters } from "./pending-filters";
import { PENDING_PAGE_SIZES, type PendingOrder, type PendingPageSize } from "./pending-query";

export const DEFAULT_FILTERS: PendingFilters = {
  search: "",
  pageSize: 25,
  order: "default",
  invitedByMe: false,
};

const ORDERS: readonly PendingOrder[] = ["default", "newest", "oldest"];

/** The filters a link or a reload carries (?q=&order=&size=&mine=1); anything unknown is ignored. */
export function filtersFromParams(params: URLSearchParams): PendingFilters {
  const size = Number(params.get("size"));
  const order = params.get("order") as PendingOrder | null;
  return {
    search: (params.get("q") ?? "").slice(0, 100),
    pageSize: (PENDING_PAGE_SIZES as readonly number[]).includes(size)
      ? (size as PendingPageSize)
      : DEFAULT_FILTERS.pageSize,
    order: order && ORDERS.includes(order) ? order : DEFAULT_FILTERS.order,
    invitedByMe: params.get("mine") === "1",
  };
}

/** The query string for the filters, leaving out defaults so a plain visit keeps a plain URL. */
export function paramsFromFilters(filters: PendingFilters): string {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set("q", filters.search.trim());
  if (filters.order !== DEFAULT_FILTERS.order) params.set("order", filters.order);
  if (filters.pageSize !== DEFAULT_FILTERS.pageSize) params.set("size", String(filters.pageSize));
  if (filters.invitedByMe) params.set("mine", "1");
  return params.toString();
}
