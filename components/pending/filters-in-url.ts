import type { PendingFilters } from "./pending-filters";
import {
  DEFAULT_PENDING_ORDER,
  DEFAULT_PENDING_PAGE_SIZE,
  PENDING_ORDERS,
  PENDING_PAGE_SIZES,
  PENDING_SEARCH_MAX_LENGTH,
  type PendingOrder,
  type PendingPageSize,
} from "@/lib/pending/pending-query";

export const DEFAULT_FILTERS: PendingFilters = {
  search: "",
  pageSize: DEFAULT_PENDING_PAGE_SIZE,
  order: DEFAULT_PENDING_ORDER,
  invitedByMe: false,
};

/** The filters a link or a reload carries (?q=&order=&size=&mine=1); anything unknown is ignored. */
export function filtersFromParams(params: URLSearchParams): PendingFilters {
  const size = Number(params.get("size"));
  const order = params.get("order");
  return {
    search: (params.get("q") ?? "").slice(0, PENDING_SEARCH_MAX_LENGTH),
    pageSize: (PENDING_PAGE_SIZES as readonly number[]).includes(size)
      ? (size as PendingPageSize)
      : DEFAULT_FILTERS.pageSize,
    order: isOrder(order) ? order : DEFAULT_FILTERS.order,
    invitedByMe: params.get("mine") === "1",
  };
}

function isOrder(value: string | null): value is PendingOrder {
  return (PENDING_ORDERS as readonly (string | null)[]).includes(value);
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
