"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Field, inputClasses } from "@/components/ui/field";
import {
  PENDING_ORDERS,
  PENDING_PAGE_SIZES,
  PENDING_SEARCH_MAX_LENGTH,
  STALE_AGES_DAYS,
  type PendingOrder,
  type PendingPageSize,
  type StaleAgeDays,
} from "@/lib/pending/pending-query";

export type PendingFilters = {
  search: string;
  pageSize: PendingPageSize;
  order: PendingOrder;
  invitedByMe: boolean;
  /** Only guests invited more than this many days ago (the stale clean-up); null: all. */
  olderThanDays: StaleAgeDays | null;
};

const SEARCH_DELAY_MS = 350;

/** Search (by name or e-mail prefix, on the server), order, page size and "invited by me". */
export function PendingFiltersBar({
  filters,
  onChange,
}: {
  filters: PendingFilters;
  onChange: (filters: PendingFilters) => void;
}) {
  const t = useTranslations("pending.filters");
  const stale = useTranslations("StaleInvitations");
  const [search, setSearch] = useState(filters.search);

  // Search while typing, once the person pauses; Enter searches at once.
  useEffect(() => {
    if (search.trim() === filters.search.trim()) return;
    const timer = setTimeout(() => onChange({ ...filters, search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  return (
    <form
      role="search"
      aria-label={t("label")}
      className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto_auto_auto] sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...filters, search });
      }}
    >
      <Field id="pending-search" label={t("search")} hint={t("searchHint")}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={search}
            maxLength={PENDING_SEARCH_MAX_LENGTH}
            autoComplete="off"
            onChange={(event) => setSearch(event.target.value)}
            className={inputClasses}
          />
        )}
      </Field>
      <Field id="pending-order" label={t("order")} className="sm:self-start">
        {(control) => (
          <select
            {...control}
            value={filters.order}
            onChange={(event) =>
              onChange({ ...filters, search, order: event.target.value as PendingOrder })
            }
            className={inputClasses}
          >
            {PENDING_ORDERS.map((order) => (
              <option key={order} value={order}>
                {t(`orders.${order}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="pending-page-size" label={t("pageSize")} className="sm:self-start">
        {(control) => (
          <select
            {...control}
            value={filters.pageSize}
            onChange={(event) =>
              onChange({
                ...filters,
                search,
                pageSize: Number(event.target.value) as PendingPageSize,
              })
            }
            className={inputClasses}
          >
            {PENDING_PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="pending-age" label={stale("ageFilter")} className="sm:self-start">
        {(control) => (
          <select
            {...control}
            value={filters.olderThanDays ?? ""}
            onChange={(event) =>
              onChange({
                ...filters,
                search,
                olderThanDays: event.target.value
                  ? (Number(event.target.value) as StaleAgeDays)
                  : null,
              })
            }
            className={inputClasses}
          >
            <option value="">{stale("ageAny")}</option>
            {STALE_AGES_DAYS.map((days) => (
              <option key={days} value={days}>
                {stale("ageOlderThan", { days })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-900 sm:col-span-4">
        <input
          type="checkbox"
          checked={filters.invitedByMe}
          onChange={(event) => onChange({ ...filters, search, invitedByMe: event.target.checked })}
          className="accent-brand-700 size-4"
        />
        {t("invitedByMe")}
      </label>
    </form>
  );
}
