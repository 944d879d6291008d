"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { SponsorsButton } from "@/components/sponsors/sponsors-button";
import type { PendingInvitationRow } from "./actions";

export type RowActionHandlers = {
  onCopy: (row: PendingInvitationRow) => void;
  onNewLink: (row: PendingInvitationRow) => void;
  onResend: (row: PendingInvitationRow) => void;
  onReset: (row: PendingInvitationRow) => void;
};

/** Copy the link the history holds, or get a new one; resend; reset (helpdesk only); sponsors (administrators). */
export function RowActions({
  row,
  canReset,
  busy,
  handlers,
}: {
  row: PendingInvitationRow;
  canReset: boolean;
  busy: boolean;
  handlers: RowActionHandlers;
}) {
  const t = useTranslations("pending.actions");
  const name = row.displayName;
  return (
    <div className="flex flex-wrap items-center gap-2" aria-busy={busy || undefined}>
      {row.linkAvailable ? (
        <Button
          size="sm"
          variant="secondary"
          disabled={busy}
          id={`copy-${row.id}`}
          aria-label={t("copyLinkFor", { name })}
          onClick={() => handlers.onCopy(row)}
        >
          {t("copyLink")}
        </Button>
      ) : (
        <Button
          size="sm"
          variant="secondary"
          disabled={busy}
          id={`new-link-${row.id}`}
          aria-label={t("newLinkFor", { name })}
          onClick={() => handlers.onNewLink(row)}
        >
          {t("newLink")}
        </Button>
      )}
      <Button
        size="sm"
        variant="ghost"
        disabled={busy || !row.mail}
        id={`resend-${row.id}`}
        aria-label={t("resendFor", { name })}
        onClick={() => handlers.onResend(row)}
      >
        {t("resend")}
      </Button>
      {canReset ? (
        <Button
          size="sm"
          variant="ghost"
          disabled={busy}
          id={`reset-${row.id}`}
          aria-label={t("resetFor", { name })}
          onClick={() => handlers.onReset(row)}
        >
          {t("reset")}
        </Button>
      ) : null}
      <SponsorsButton guestUserId={row.id} guestName={name} disabled={busy} />
      {busy ? <Spinner className="size-4 text-slate-500" /> : null}
    </div>
  );
}
