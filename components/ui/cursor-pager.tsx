"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { Button } from "./button";

/**
 * Pages read with opaque "next" cursors (Graph's @odata.nextLink, the history's keyset): the cursors
 * of the pages seen so far are kept to go back; `null` is the first page.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const pageIndex = cursors.length - 1;
  return {
    cursor: cursors[pageIndex] ?? null,
    pageIndex,
    next: useCallback((cursor: string) => setCursors((stack) => [...stack, cursor]), []),
    previous: useCallback(() => setCursors((stack) => stack.slice(0, -1)), []),
    first: useCallback(() => setCursors([null]), []),
  };
}

/** Previous / next buttons with the page number announced politely. */
export function CursorPager({
  pageIndex,
  nextCursor,
  busy,
  onPrevious,
  onNext,
}: {
  pageIndex: number;
  /** Null on the last page, or while the page is not loaded. */
  nextCursor: string | null;
  busy: boolean;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}) {
  const t = useTranslations("common.pager");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-3">
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {t("page", { page: pageIndex + 1 })}
      </span>
      <span className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={pageIndex === 0 || busy}
          onClick={onPrevious}
        >
          {t("previous")}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={busy || !nextCursor}
          onClick={() => {
            if (nextCursor) onNext(nextCursor);
          }}
        >
          {t("next")}
        </Button>
      </span>
    </nav>
  );
}
