"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Sponsor } from "./actions";

/** The current sponsors, each with Remove; removing asks first. */
export function SponsorList({
  sponsors,
  guestName,
  busyId,
  onRemove,
}: {
  sponsors: Sponsor[];
  guestName: string;
  busyId: string | null;
  onRemove: (sponsor: Sponsor) => void;
}) {
  const t = useTranslations("Sponsors");
  const [confirming, setConfirming] = useState<string | null>(null);

  if (sponsors.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;

  return (
    <ul
      aria-label={t("current")}
      className="divide-y divide-slate-200 rounded-lg border border-slate-200"
    >
      {sponsors.map((sponsor) => (
        <li key={sponsor.id} className="space-y-2 p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="min-w-0">
              <span className="block font-medium text-slate-900">{sponsor.displayName}</span>
              <span className="block text-sm break-all text-slate-600">
                {sponsor.mail ?? (sponsor.type === "group" ? t("group") : t("noMail"))}
              </span>
            </div>
            {confirming === sponsor.id ? null : (
              <Button
                size="sm"
                variant="secondary"
                disabled={busyId !== null}
                aria-label={t("removeFor", { name: sponsor.displayName })}
                onClick={() => setConfirming(sponsor.id)}
              >
                {t("remove")}
              </Button>
            )}
          </div>
          {confirming === sponsor.id ? (
            <div
              role="group"
              aria-labelledby={`confirm-${sponsor.id}`}
              className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-950"
            >
              <p id={`confirm-${sponsor.id}`} className="grow">
                {t("confirmRemove", { name: sponsor.displayName, guest: guestName })}
              </p>
              <Button
                size="sm"
                autoFocus
                onClick={() => {
                  setConfirming(null);
                  onRemove(sponsor);
                }}
              >
                {t("confirm")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                {t("cancel")}
              </Button>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
