import type { PendingFilters } from "./pending-filters";
import {
  DEFAULT_PENDING_ORDER,
  DEFAULT_PENDING_PAGE_SIZE,
  PENDING_ORDERS,
  PENDING_PAGE_SIZES,
  PENDING_SEARCH_MAX_LENGTH,
  STALE_AGES_DAYS,
  type PendingOrder,
  type PendingPageSize,
  type StaleAgeDays,
} from "@/lib/pending/pending-query";

export const DEFAULT_FILTERS: PendingFilters = {
  search: "",
  pageSize: DEFAULT_PENDING_PAGE_SIZE,
  order: DEFAULT_PENDING_ORDER,
  invitedByMe: false,
  olderThanDays: null,
};

/** The filters a link or a reload carries (?q=&order=&size=&mine=1&age=30); anything unknown is ignored. */
export function filtersFromParams(params: URLSearchParams): PendingFilters {
  const size = Number(params.get("size"));
  const order = params.get("order");
  const age = Number(params.get("age"));
  return {
    search: (params.get("q") ?? "").slice(0, PENDING_SEARCH_MAX_LENGTH),
    pageSize: (PENDING_PAGE_SIZES as readonly number[]).includes(size)
      ? (size as PendingPageSize)
      : DEFAULT_FILTERS.pageSize,
    order: isOrder(order) ? order : DEFAULT_FILTERS.order,
    invitedByMe: params.get("mine") === "1",
    olderThanDays: (STALE_AGES_DAYS as readonly number[]).includes(age)
      ? (age as StaleAgeDays)
      : null,
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
  if (filters.olderThanDays) params.set("age", String(filters.olderThanDays));
  return params.toString();
}
