"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { EXACT_TIME_FORMAT } from "@/lib/i18n/time-zone";

/** "3 days ago", with the exact date and time on hover and for screen readers' `dateTime`. */
export function InvitedAt({ value }: { value: string | null }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const t = useTranslations("pending");
  if (!value) return <span className="text-slate-500">{t("unknown")}</span>;
  const date = new Date(value);
  const exact = format.dateTime(date, EXACT_TIME_FORMAT);
  return (
    <time dateTime={value} title={exact} className="whitespace-nowrap">
      {format.relativeTime(date, now)}
    </time>
  );
}
