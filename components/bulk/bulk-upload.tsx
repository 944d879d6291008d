"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { usePortalConfig } from "@/components/auth/auth-provider";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import type { CallError } from "@/components/server-action/call-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { isSendable } from "@/lib/bulk/check-rows";
import { MAX_ADDRESSES_PER_CHECK } from "@/lib/bulk/limits";
import { addressKey } from "@/lib/bulk/row-values";
import { checkExistingAddresses } from "./actions";
import { FileDropZone } from "./file-drop-zone";
import { readBulkFile, type ReadFile, type ReadProblem } from "./read-bulk-file";
import { submitJob } from "./submit-job";
import { UploadPreview, type ExistingAddress } from "./upload-preview";
import { useServerAction } from "@/components/server-action/use-server-action";

type Phase =
  | { name: "idle" }
  | { name: "reading"; done: number }
  | { name: "problem"; problem: ReadProblem; fileName: string }
  | { name: "preview"; file: ReadFile }
  | { name: "submitting"; file: ReadFile; sent: number };

type TenantCheck = { state: "idle" | "checking" | "done" | "failed"; checked: number };

/** Choose a file → see every row checked → confirm → the job page. Nothing is sent before confirming. */
export function BulkUpload() {
  const t = useTranslations("bulk.upload");
  const tp = useTranslations("bulk.preview");
  const { defaultRedirectUrl, localTenant } = usePortalConfig();
  const router = useRouter();
  const { call, renewSession } = useServerAction();
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [existing, setExisting] = useState<Map<string, ExistingAddress>>(new Map());
  const [tenantCheck, setTenantCheck] = useState<TenantCheck>({ state: "idle", checked: 0 });
  const [leaveOutPending, setLeaveOutPending] = useState(true);
  const [submitError, setSubmitError] = useState<CallError | null>(null);
  const round = useRef(0);
  const summaryRef = useRef<HTMLHeadingElement>(null);

  async function onFile(chosen: File) {
    round.current += 1;
    const mine = round.current;
    setSubmitError(null);
    setExisting(new Map());
    setTenantCheck({ state: "idle", checked: 0 });
    setPhase({ name: "reading", done: 0 });
    const outcome = await readBulkFile(chosen, { defaultRedirectUrl, localTenant }, (done) => {
      if (round.current === mine) setPhase({ name: "reading", done });
    });
    if (round.current !== mine) return;
    if (!outcome.ok) {
      setPhase({ name: "problem", problem: outcome.problem, fileName: chosen.name });
      return;
    }
    setPhase({ name: "preview", file: outcome.file });
    void checkTenant(outcome.file, mine);
  }

  /** Addresses already in the tenant, asked in batches while the person reads the preview. */
  async function checkTenant(file: ReadFile, mine: number) {
    const addresses = [
      ...new Set(file.rows.filter(isSendable).map((row) => addressKey(row.values.email))),
    ];
    if (addresses.length === 0) return;
    setTenantCheck({ state: "checking", checked: 0 });
    const found = new Map<string, ExistingAddress>();
    for (let start = 0; start < addresses.length; start += MAX_ADDRESSES_PER_CHECK) {
      const result = await call(checkExistingAddresses, {
        addresses: addresses.slice(start, start + MAX_ADDRESSES_PER_CHECK),
      });
      if (round.current !== mine) return;
      if (!result.ok) {
        setTenantCheck({ state: "failed", checked: start });
        return;
      }
      for (const match of result.data) found.set(match.mail, match);
      setExisting(new Map(found));
      setTenantCheck({
        state: "checking",
        checked: Math.min(start + MAX_ADDRESSES_PER_CHECK, addresses.length),
      });
    }
    setTenantCheck({ state: "done", checked: addresses.length });
  }

  const file = phase.name === "preview" || phase.name === "submitting" ? phase.file : null;
  const summary = useMemo(() => {
    if (!file) return null;
    const sendable = file.rows.filter(isSendable);
    const pending = sendable.filter((row) => existing.get(addressKey(row.values.email))?.pending);
    const duplicates = file.rows.filter((row) => row.duplicateOf !== undefined).length;
    return {
      sendable,
      pending,
      invalid: file.rows.length - sendable.length - duplicates,
      duplicates,
    };
  }, [file, existing]);

  useEffect(() => {
    if (phase.name === "preview") summaryRef.current?.focus();
  }, [phase.name]);

  async function confirm() {
    if (!file || !summary) return;
    const leaveOut = new Set(leaveOutPending ? summary.pending.map((row) => row.rowNumber) : []);
    setSubmitError(null);
    setPhase({ name: "submitting", file, sent: 0 });
    const result = await submitJob(call, file, leaveOut, (sent) =>
      setPhase({ name: "submitting", file, sent }),
    );
    if (!result.ok) {
      setSubmitError(result.error);
      setPhase({ name: "preview", file });
      return;
    }
    router.push(`/bulk/${result.data.jobId}`);
  }

  const toSend = summary
    ? summary.sendable.length - (leaveOutPending ? summary.pending.length : 0)
    : 0;

  return (
    <div className="space-y-5">
      <FileDropZone
        onFile={(chosen) => void onFile(chosen)}
        disabled={phase.name === "submitting"}
      />

      {phase.name === "reading" ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
          <Spinner />
          {t("reading", { done: phase.done })}
        </p>
      ) : null}

      {phase.name === "problem" ? (
        <Alert role="alert" tone="error" title={t("problemTitle", { fileName: phase.fileName })}>
          <p>
            {t(
              `problems.${phase.problem.key}`,
              "params" in phase.problem ? phase.problem.params : {},
            )}
          </p>
        </Alert>
      ) : null}

      {file && summary ? (
        <section aria-labelledby="bulk-summary" className="space-y-4">
          <h2
            id="bulk-summary"
            ref={summaryRef}
            tabIndex={-1}
            className="text-base font-semibold text-slate-900 focus:outline-none"
          >
            {tp("title", { fileName: file.fileName })}
          </h2>
          <ul className="grid gap-2 text-sm sm:grid-cols-2">
            <li>{tp("summary.rows", { count: file.rows.length })}</li>
            <li className="text-emerald-800">
              {tp("summary.ready", { count: summary.sendable.length })}
            </li>
            <li className={summary.invalid > 0 ? "text-red-800" : ""}>
              {tp("summary.invalid", { count: summary.invalid })}
            </li>
            <li className={summary.duplicates > 0 ? "text-amber-800" : ""}>
              {tp("summary.duplicates", { count: summary.duplicates })}
            </li>
          </ul>
          <div aria-live="polite" className="text-sm text-slate-700">
            {tenantCheck.state === "checking" ? (
              <p className="flex items-center gap-2">
                <Spinner />
                {tp("tenantChecking", { checked: tenantCheck.checked })}
              </p>
            ) : null}
            {tenantCheck.state === "done" ? (
              <p>{tp("tenantChecked", { count: summary.pending.length })}</p>
            ) : null}
            {tenantCheck.state === "failed" ? <p>{tp("tenantCheckFailed")}</p> : null}
          </div>
          {file.encoding === "windows-1252" ? (
            <Alert tone="warning" title={tp("encodingTitle")}>
              <p>{tp("encodingBody")}</p>
            </Alert>
          ) : null}
          {file.sheet.format === "admin_center" ? (
            <p className="text-sm text-slate-600">
              {tp(file.sheet.skippedExampleRow ? "adminCenterWithExample" : "adminCenter")}
            </p>
          ) : null}

          <UploadPreview rows={file.rows} existing={existing} />

          {summary.pending.length > 0 ? (
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={leaveOutPending}
                onChange={(event) => setLeaveOutPending(event.target.checked)}
              />
              <span>{tp("leaveOutPending", { count: summary.pending.length })}</span>
            </label>
          ) : null}

          {submitError ? (
            <ActionErrorAlert
              title={t("submitFailedTitle")}
              error={submitError}
              onSignInAgain={() => void renewSession()}
            />
          ) : null}

          <div className="space-y-2 border-t border-slate-200 pt-4">
            {file.rows.length > summary.sendable.length ? (
              <p className="text-sm text-slate-600">{tp("skippedNote")}</p>
            ) : null}
            <div className="flex flex-wrap items-center gap-3">
              <Button
                onClick={() => void confirm()}
                disabled={toSend === 0 || phase.name === "submitting"}
              >
                {phase.name === "submitting" ? <Spinner /> : null}
                {phase.name === "submitting"
                  ? tp("submitting", { sent: phase.sent, total: file.rows.length })
                  : tp("confirm", { count: toSend })}
              </Button>
              <Button
                variant="ghost"
                disabled={phase.name === "submitting"}
                onClick={() => {
                  round.current += 1;
                  setPhase({ name: "idle" });
                }}
              >
                {tp("startOver")}
              </Button>
            </div>
            <p className="text-sm text-slate-600">{tp("nothingSentYet")}</p>
          </div>
        </section>
      ) : null}
    </div>
  );
}
