"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FieldErrorText, inputClasses } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import type { CallError } from "@/components/server-action/call-error";
import { findEmailProblem } from "@/lib/invitations/email-rules";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import type { PendingInvitationRow, ResetResult } from "./actions";
import { ModalDialog } from "./modal-dialog";

export type ResetRequest = {
  newEmail: string;
  addEmailToUser: boolean;
  sendInvitationMessage: boolean;
};

type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

/**
 * Explains what a redemption reset does, lets the helpdesk use another address (offering to add it
 * to the user first, since Graph accepts only an address already on the user), then shows the new link.
 */
export function ResetDialog({
  row,
  resetting,
  error,
  fieldError,
  result,
  waitingForAddress,
  addressNotApplied,
  onConfirm,
  onClose,
  onSignInAgain,
}: {
  row: PendingInvitationRow;
  resetting: boolean;
  error: CallError | null;
  /** An i18n key under "validation." for the new address, from the server. */
  fieldError: string | null;
  result: Extract<ResetResult, { status: "ok" }> | null;
  waitingForAddress: boolean;
  /** The address Microsoft Entra had not applied when the dialog stopped waiting. */
  addressNotApplied: string | null;
  onConfirm: (request: ResetRequest) => void;
  onClose: () => void;
  onSignInAgain: () => void;
}) {
  const t = useTranslations("pending.reset");
  const tAll = useTranslations() as unknown as Translate;
  const [changeEmail, setChangeEmail] = useState(false);
  const [newEmail, setNewEmail] = useState("");
  const [addEmailToUser, setAddEmailToUser] = useState(true);
  const [sendInvitationMessage, setSendInvitationMessage] = useState(true);
  const [localError, setLocalError] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const link = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const emailError = localError ?? fieldError;
  const emailErrorText = emailError
    ? tAll(tAll.has(emailError) ? emailError : "validation.invalid")
    : null;

  function submit() {
    const address = changeEmail ? newEmail.trim() : "";
    if (changeEmail) {
      const problem =
        address === "" ? { key: "validation.email.required" } : findEmailProblem(address);
      if (problem) {
        setLocalError(problem.key);
        document.getElementById("reset-new-email")?.focus();
        return;
      }
    }
    setLocalError(null);
    onConfirm({
      newEmail: address,
      addEmailToUser: changeEmail && addEmailToUser,
      sendInvitationMessage,
    });
  }

  if (result) {
    return (
      <ModalDialog titleId="reset-title" describedById="reset-description" onClose={onClose}>
        <div className="space-y-4 p-6">
          <h2
            id="reset-title"
            ref={resultHeading}
            tabIndex={-1}
            className="text-lg font-semibold focus:outline-none"
          >
            {t("doneTitle")}
          </h2>
          <p id="reset-description" className="text-sm text-slate-700">
            {t("doneBody", { name: row.displayName, email: result.email })}
          </p>
          {result.addedEmail ? (
            <Alert tone="info" title={t("addedEmail", { email: result.email })} />
          ) : null}
          {result.settled ? <Alert tone="info" title={t("settled")} /> : null}
          <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id="reset-url-title" className="text-sm font-semibold">
                {t("newLink")}
              </h3>
              <CopyButton text={result.redeemUrl} label={t("copyNewLink")} target={link} />
            </div>
            <p
              ref={link}
              aria-labelledby="reset-url-title"
              data-testid="reset-redeem-url"
              className="font-mono text-sm break-all"
            >
              {result.redeemUrl}
            </p>
          </div>
          <div className="flex justify-end">
            <Button onClick={onClose}>{t("close")}</Button>
          </div>
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog titleId="reset-title" describedById="reset-description" onClose={onClose}>
      <form
        className="space-y-4 p-6"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h2 id="reset-title" className="text-lg font-semibold">
          {t("title", { name: row.displayName })}
        </h2>
        <div id="reset-description" className="space-y-2 text-sm text-slate-700">
          <p>{t("explain")}</p>
          <p>{t("explainLinks")}</p>
        </div>
        <p className="text-sm">
          <span className="font-medium">{t("currentEmail")}</span>{" "}
          <span className="break-all">{row.mail ?? "—"}</span>
        </p>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={changeEmail}
            onChange={(event) => setChangeEmail(event.target.checked)}
            className="accent-brand-700 size-4"
          />
          {t("changeEmail")}
        </label>
        {changeEmail ? (
          <div className="space-y-3 rounded-lg border border-slate-200 p-4">
            <div className="space-y-1.5">
              <label htmlFor="reset-new-email" className="block text-sm font-medium">
                {t("newEmail")}
              </label>
              <input
                id="reset-new-email"
                type="email"
                value={newEmail}
                maxLength={254}
                autoComplete="off"
                aria-invalid={emailErrorText ? true : undefined}
                aria-describedby={emailErrorText ? "reset-new-email-error" : undefined}
                onChange={(event) => setNewEmail(event.target.value)}
                className={inputClasses}
              />
              <FieldErrorText id="reset-new-email-error">{emailErrorText}</FieldErrorText>
            </div>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                checked={addEmailToUser}
                aria-describedby="reset-add-email-hint"
                onChange={(event) => setAddEmailToUser(event.target.checked)}
                className="accent-brand-700 mt-0.5 size-4"
              />
              <span>
                <span className="font-medium">{t("addEmail")}</span>
                <span id="reset-add-email-hint" className="block text-slate-600">
                  {t("addEmailHint")}
                </span>
              </span>
            </label>
          </div>
        ) : null}
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={sendInvitationMessage}
            onChange={(event) => setSendInvitationMessage(event.target.checked)}
            className="accent-brand-700 size-4"
          />
          {t("sendEmail")}
        </label>
        {resetting && waitingForAddress ? (
          <p role="status" className="text-sm text-slate-700">
            {t("waitingForAddress")}
          </p>
        ) : null}
        {addressNotApplied ? (
          <Alert tone="warning" title={t("addressNotApplied", { email: addressNotApplied })} />
        ) : null}
        {error ? (
          <ActionErrorAlert title={t("failed")} error={error} onSignInAgain={onSignInAgain} />
        ) : null}
        {error?.code === "email_mismatch" ? (
          <p className="text-sm text-slate-700">{t("mismatchHint")}</p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} autoFocus>
            {t("cancel")}
          </Button>
          <Button type="submit" disabled={resetting}>
            {resetting ? <Spinner /> : null}
            {t("confirm")}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
