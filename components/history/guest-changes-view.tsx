"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CursorPager, useCursorPages } from "@/components/ui/cursor-pager";
import { Field, inputClasses } from "@/components/ui/field";
import { ListEmpty, ListLoading } from "@/components/ui/list-state";
import { CHANGE_KINDS, CHANGE_OUTCOMES } from "@/lib/history/guest-change-kinds";
import { getHistoryScope, listGuestChanges, type GuestChangesPage } from "./actions";
import { GuestChangesTable } from "./guest-changes-table";

type Loaded = { status: "error"; error: CallError } | ({ status: "ready" } & GuestChangesPage);
type Filter = {
  kind: "" | (typeof CHANGE_KINDS)[number];
  outcome: "" | (typeof CHANGE_OUTCOMES)[number];
};

const PAGE_SIZE = 25;

/** Changes to guests that are not invitations (memberships, removals, restores, sponsors), newest first. */
export function GuestChangesView() {
  const t = useTranslations("GuestChanges");
  const { call, renewSession } = useServerAction();
  const [seesAll, setSeesAll] = useState<boolean | null>(null);
  const [filter, setFilter] = useState<Filter>({ kind: "", outcome: "" });
  const pages = useCursorPages();
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded } | null>(null);
  const [reloads, setReloads] = useState(0);
  const request = useRef(0);
  const { cursor, pageIndex, first: firstPage } = pages;
  const queryKey = JSON.stringify([filter, cursor, reloads]);
  const page = loaded?.key === queryKey ? loaded.state : null;

  useEffect(() => {
    let cancelled = false;
    void call(getHistoryScope, {}, { background: true }).then((outcome) => {
      if (!cancelled && outcome.ok) setSeesAll(outcome.data.seesAll);
    });
    return () => {
      cancelled = true;
    };
  }, [call]);

  useEffect(() => {
    const current = (request.current += 1);
    const input = {
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      pageSize: PAGE_SIZE,
      cursor,
    };
    void call(listGuestChanges, input).then((outcome) => {
      if (current !== request.current) return;
      setLoaded({
        key: queryKey,
        state: outcome.ok
          ? { status: "ready", ...outcome.data }
          : { status: "error", error: outcome.error },
      });
    });
  }, [call, filter, cursor, queryKey]);

  function choose(next: Partial<Filter>) {
    setFilter((previous) => ({ ...previous, ...next }));
    firstPage();
  }

  return (
    <Card aria-labelledby="changes-title">
      <CardHeader level={1} titleId="changes-title" title={t("title")} />
      <CardBody className="space-y-5">
        <p className="text-sm text-slate-600" data-testid="changes-scope">
          {seesAll === null ? "" : seesAll ? t("scopeAll") : t("scopeOwn")}
        </p>
        <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <legend className="sr-only">{t("filters.label")}</legend>
          <Field id="changes-kind" label={t("filters.kind")}>
            {(control) => (
              <select
                {...control}
                className={inputClasses}
                value={filter.kind}
                onChange={(event) => choose({ kind: event.target.value as Filter["kind"] })}
              >
                <option value="">{t("filters.any")}</option>
                {CHANGE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kinds.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="changes-outcome" label={t("filters.outcome")}>
            {(control) => (
              <select
                {...control}
                className={inputClasses}
                value={filter.outcome}
                onChange={(event) => choose({ outcome: event.target.value as Filter["outcome"] })}
              >
                <option value="">{t("filters.any")}</option>
                {CHANGE_OUTCOMES.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {t(`outcomes.${outcome}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        {page === null ? (
          <ListLoading label={t("loading")} />
        ) : page.status === "error" ? (
          <ActionErrorAlert
            title={t("loadFailed")}
            error={page.error}
            onSignInAgain={() => void renewSession()}
            onRetry={() =>
              page.error.code === "validation" ? firstPage() : setReloads((n) => n + 1)
            }
          />
        ) : page.rows.length === 0 ? (
          <ListEmpty title={t("empty")} hint={t("emptyHint")} />
        ) : (
          <GuestChangesTable rows={page.rows} />
        )}

        <CursorPager
          pageIndex={pageIndex}
          nextCursor={page?.status === "ready" ? page.nextCursor : null}
          busy={page === null}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      </CardBody>
    </Card>
  );
}
