"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { CallError } from "@/components/server-action/call-error";
import { copyText } from "@/components/ui/clipboard";
import {
  getRedeemLink,
  regenerateRedeemLink,
  resendInvitation,
  resetGuestRedemption,
  type PendingInvitationRow,
  type ResetResult,
} from "./actions";
import type { ResetRequest } from "./reset-dialog";
import { resetUntilApplied } from "./reset-until-applied";
import { useServerAction } from "@/components/server-action/use-server-action";

export type OpenDialog =
  | { kind: "link"; row: PendingInvitationRow; redeemUrl: string }
  | {
      kind: "resend";
      row: PendingInvitationRow;
      /** One per opened dialog: retrying after a lost answer never e-mails twice. */
      idempotencyKey: string;
      sending: boolean;
      error: CallError | null;
    }
  | {
      kind: "reset";
      row: PendingInvitationRow;
      idempotencyKey: string;
      resetting: boolean;
      error: CallError | null;
      fieldError: string | null;
      result: Extract<ResetResult, { status: "ok" }> | null;
      /** Graph does not see the address just added yet: the dialog is asking again. */
      waitingForAddress?: boolean;
      /** It still did not after the bound: the address that is not applied yet. */
      addressNotApplied?: string;
    };

type Callbacks = {
  announce: (message: string) => void;
  showError: (title: string, error: CallError) => void;
  updateRow: (id: string, change: Partial<PendingInvitationRow>) => void;
  removeRow: (id: string) => void;
};

/** What the row buttons do: each calls one server action, then copies, announces or opens a dialog. */
export function useLinkActions({ announce, showError, updateRow, removeRow }: Callbacks) {
  const t = useTranslations("pending.messages");
  const { call } = useServerAction();
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  const deliver = useCallback(
    async (row: PendingInvitationRow, redeemUrl: string, fresh: boolean) => {
      const name = row.displayName;
      if (await copyText(redeemUrl)) announce(t(fresh ? "newLinkCopied" : "linkCopied", { name }));
      else setDialog({ kind: "link", row, redeemUrl });
    },
    [announce, t],
  );

  const onNewLink = useCallback(
    async (row: PendingInvitationRow) => {
      setBusyRow(row.id);
      const outcome = await call(regenerateRedeemLink, {
        guestUserId: row.id,
        idempotencyKey: crypto.randomUUID(),
      });
      setBusyRow(null);
      if (!outcome.ok)
        return showError(t("newLinkFailed", { name: row.displayName }), outcome.error);
      if (outcome.data.status === "not_pending") {
        removeRow(row.id);
        return announce(t("noLongerPending", { name: row.displayName }));
      }
      updateRow(row.id, {
        linkAvailable: true,
        invitedBy: { name: "", source: "history", byMe: true },
      });
      await deliver(row, outcome.data.redeemUrl, true);
    },
    [announce, call, deliver, removeRow, showError, t, updateRow],
  );

  const onCopy = useCallback(
    async (row: PendingInvitationRow) => {
      setBusyRow(row.id);
      const outcome = await call(getRedeemLink, { guestUserId: row.id });
      setBusyRow(null);
      if (!outcome.ok) return showError(t("copyFailed", { name: row.displayName }), outcome.error);
      if (!outcome.data.redeemUrl) {
        updateRow(row.id, { linkAvailable: false });
        return announce(t("linkGone", { name: row.displayName }));
      }
      await deliver(row, outcome.data.redeemUrl, false);
    },
    [announce, call, deliver, showError, t, updateRow],
  );

  const onResend = useCallback((row: PendingInvitationRow) => {
    setDialog({
      kind: "resend",
      row,
      idempotencyKey: crypto.randomUUID(),
      sending: false,
      error: null,
    });
  }, []);

  const confirmResend = useCallback(
    async (row: PendingInvitationRow, idempotencyKey: string) => {
      setDialog({ kind: "resend", row, idempotencyKey, sending: true, error: null });
      const outcome = await call(resendInvitation, { guestUserId: row.id, idempotencyKey });
      if (!outcome.ok) {
        setDialog({ kind: "resend", row, idempotencyKey, sending: false, error: outcome.error });
        return;
      }
      setDialog(null);
      if (outcome.data.status === "not_pending") {
        removeRow(row.id);
        return announce(t("noLongerPending", { name: row.displayName }));
      }
      updateRow(row.id, {
        linkAvailable: true,
        invitedBy: { name: "", source: "history", byMe: true },
      });
      announce(t("resent", { name: row.displayName, email: outcome.data.email }));
    },
    [announce, call, removeRow, t, updateRow],
  );

  const onReset = useCallback((row: PendingInvitationRow) => {
    setDialog({
      kind: "reset",
      row,
      idempotencyKey: crypto.randomUUID(),
      resetting: false,
      error: null,
      fieldError: null,
      result: null,
    });
  }, []);

  const confirmReset = useCallback(
    async (row: PendingInvitationRow, request: ResetRequest, idempotencyKey: string) => {
      const base = { kind: "reset" as const, row, idempotencyKey, fieldError: null, result: null };
      setDialog({ ...base, resetting: true, error: null });
      const outcome = await resetUntilApplied(
        () => call(resetGuestRedemption, { guestUserId: row.id, idempotencyKey, ...request }),
        {
          onWaiting: () =>
            setDialog({ ...base, resetting: true, error: null, waitingForAddress: true }),
        },
      );
      if (!outcome.ok) {
        setDialog({
          ...base,
          resetting: false,
          error: outcome.error,
          fieldError: outcome.fieldErrors?.newEmail?.[0]?.key ?? null,
        });
        return;
      }
      if (outcome.data.status === "awaiting_replication") {
        const addressNotApplied = outcome.data.email;
        return setDialog({ ...base, resetting: false, error: null, addressNotApplied });
      }
      if (outcome.data.status !== "ok") {
        setDialog(null);
        return announce(t("notGuest", { name: row.displayName }));
      }
      setDialog({ ...base, resetting: false, error: null, result: outcome.data });
      updateRow(row.id, {
        linkAvailable: true,
        mail: row.mail,
        invitedBy: { name: "", source: "history", byMe: true },
      });
      announce(t("resetDone", { name: row.displayName }));
    },
    [announce, call, t, updateRow],
  );

  return {
    busyRow,
    dialog,
    closeDialog: () => setDialog(null),
    handlers: { onCopy, onNewLink, onResend, onReset },
    confirmResend,
    confirmReset,
  };
}
