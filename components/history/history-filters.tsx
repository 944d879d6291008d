"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClasses } from "@/components/ui/field";
import type { HistoryInviter, InvitationKind, InvitationOutcome } from "@/lib/db";
import { endOfDay, startOfDay } from "@/lib/history/history-days";

export const KINDS: readonly InvitationKind[] = [
  "single",
  "regenerate_link",
  "resend",
  "reset_redemption",
  "bulk",
];
export const OUTCOMES: readonly InvitationOutcome[] = ["succeeded", "failed", "pending"];

/** The filter as typed: dates are the browser's calendar days, turned into instants on apply. */
export type HistoryFilterValues = {
  guest: string;
  inviterOid: string;
  kind: "" | InvitationKind;
  outcome: "" | InvitationOutcome;
  fromDate: string;
  toDate: string;
};

export const EMPTY_FILTER: HistoryFilterValues = {
  guest: "",
  inviterOid: "",
  kind: "",
  outcome: "",
  fromDate: "",
  toDate: "",
};

/**
 * The action's input for a filter. The dates are the viewer's days, in the zone the page shows times
 * in (`components/i18n/viewer-time-zone.tsx`): "from" starts at its midnight there, "to" includes
 * the whole chosen day.
 */
export function toQuery(values: HistoryFilterValues, timeZone: string) {
  return {
    ...(values.guest.trim() ? { guest: values.guest.trim() } : {}),
    ...(values.inviterOid ? { inviterOid: values.inviterOid } : {}),
    ...(values.kind ? { kind: values.kind } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(values.fromDate ? { from: startOfDay(values.fromDate, timeZone).toISOString() } : {}),
    ...(values.toDate ? { to: endOfDay(values.toDate, timeZone).toISOString() } : {}),
  };
}

export function HistoryFilters({
  applied,
  inviters,
  onApply,
}: {
  applied: HistoryFilterValues;
  /** Empty for people who see only their own entries: then there is no inviter to choose. */
  inviters: HistoryInviter[];
  onApply: (values: HistoryFilterValues) => void;
}) {
  const t = useTranslations("history.filters");
  const tk = useTranslations("history.kinds");
  const to = useTranslations("history.outcomes");
  const [values, setValues] = useState(applied);
  const set = <K extends keyof HistoryFilterValues>(key: K, value: HistoryFilterValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const datesReversed = values.fromDate && values.toDate && values.fromDate > values.toDate;

  return (
    <form
      role="search"
      aria-label={t("label")}
      noValidate
      className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!datesReversed) onApply(values);
      }}
    >
      <Field id="history-guest" label={t("guest")}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={values.guest}
            maxLength={100}
            autoComplete="off"
            onChange={(event) => set("guest", event.target.value)}
            className={inputClasses}
          />
        )}
      </Field>
      {inviters.length > 0 ? (
        <Field id="history-inviter" label={t("inviter")}>
          {(control) => (
            <select
              {...control}
              value={values.inviterOid}
              onChange={(event) => set("inviterOid", event.target.value)}
              className={inputClasses}
            >
              <option value="">{t("everyone")}</option>
              {inviters.map((inviter) => (
                <option key={inviter.oid} value={inviter.oid}>
                  {inviter.name ?? inviter.upn ?? inviter.oid}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field id="history-kind" label={t("kind")}>
        {(control) => (
          <select
            {...control}
            value={values.kind}
            onChange={(event) => set("kind", event.target.value as HistoryFilterValues["kind"])}
            className={inputClasses}
          >
            <option value="">{t("any")}</option>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {tk(kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="history-outcome" label={t("outcome")}>
        {(control) => (
          <select
            {...control}
            value={values.outcome}
            onChange={(event) =>
              set("outcome", event.target.value as HistoryFilterValues["outcome"])
            }
            className={inputClasses}
          >
            <option value="">{t("any")}</option>
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {to(outcome)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="history-from" label={t("from")}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.fromDate}
            onChange={(event) => set("fromDate", event.target.value)}
            className={inputClasses}
          />
        )}
      </Field>
      <Field id="history-to" label={t("to")} error={datesReversed ? t("datesReversed") : undefined}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.toDate}
            onChange={(event) => set("toDate", event.target.value)}
            className={inputClasses}
          />
        )}
      </Field>
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
        <Button type="submit">{t("apply")}</Button>
        <Button
          variant="secondary"
          onClick={() => {
            setValues(EMPTY_FILTER);
            onApply(EMPTY_FILTER);
          }}
        >
          {t("clear")}
        </Button>
      </div>
    </form>
  );
}
