"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import type { PendingInvitationRow } from "./actions";
import { ModalDialog } from "./modal-dialog";

/** Asks before e-mailing the invitation again. */
export function ResendDialog({
  row,
  sending,
  error,
  onConfirm,
  onClose,
  onSignInAgain,
}: {
  row: PendingInvitationRow;
  sending: boolean;
  error: CallError | null;
  onConfirm: () => void;
  onClose: () => void;
  onSignInAgain: () => void;
}) {
  const t = useTranslations("pending.resend");
  return (
    <ModalDialog titleId="resend-title" describedById="resend-description" onClose={onClose}>
      <div className="space-y-4 p-6">
        <h2 id="resend-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p id="resend-description" className="text-sm text-slate-700">
          {t("body", { name: row.displayName, email: row.mail ?? "" })}
        </p>
        {error ? (
          <ActionErrorAlert title={t("failed")} error={error} onSignInAgain={onSignInAgain} />
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} autoFocus>
            {t("cancel")}
          </Button>
          <Button onClick={onConfirm} disabled={sending}>
            {sending ? <Spinner /> : null}
            {t("confirm")}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
