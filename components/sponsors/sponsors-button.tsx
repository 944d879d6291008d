"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SponsorsDialog } from "./sponsors-dialog";
import { useSponsorAccess } from "./use-sponsor-access";

/** "Sponsors" for people Graph lets change them (User Administrator, Directory Writers, Global Administrator). */
export function SponsorsButton({
  guestUserId,
  guestName,
  disabled,
  idSuffix,
}: {
  guestUserId: string;
  guestName: string;
  disabled?: boolean;
  /** Where the same guest appears on several rows (the history), keeps the button's id unique. */
  idSuffix?: string;
}) {
  const t = useTranslations("Sponsors");
  const canManage = useSponsorAccess();
  const [open, setOpen] = useState(false);
  if (!canManage) return null;
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        disabled={disabled}
        id={idSuffix ? `sponsors-${guestUserId}-${idSuffix}` : `sponsors-${guestUserId}`}
        aria-label={t("openFor", { name: guestName })}
        onClick={() => setOpen(true)}
      >
        {t("open")}
      </Button>
      {open ? (
        <SponsorsDialog
          guestUserId={guestUserId}
          guestName={guestName}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
