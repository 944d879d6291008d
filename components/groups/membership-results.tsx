"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApiToken } from "@/components/auth/use-api-token";
import { retryMembership } from "@/components/invite/actions";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { MembershipResult } from "@/lib/groups/group-memberships";

/** Reasons worded for a group membership; the other codes use the shared "errors" texts. */
const REASONS = [
  "forbidden",
  "not_sent",
  "outcome_unknown",
  "graph_error",
  "duplicate_in_progress",
] as const;
type Reason = (typeof REASONS)[number];
const SHARED_REASONS = [
  "graph_unreachable",
  "throttled",
  "session_expired",
  "consent_required",
] as const;
type SharedReason = (typeof SHARED_REASONS)[number];

const STATUS_STYLES: Record<MembershipResult["status"], string> = {
  added: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  already_member: "bg-slate-100 text-slate-900 ring-slate-300",
  failed: "bg-red-50 text-red-900 ring-red-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
};

/** Each chosen group with what became of it; failed ones can be retried one at a time. */
export function MembershipResults({ initial }: { initial: MembershipResult[] }) {
  const t = useTranslations("Groups.result");
  const tr = useTranslations("Groups.reasons");
  const tg = useTranslations("Groups");
  const te = useTranslations("errors");
  const ti = useTranslations("invite.result");
  const reason = (code: string | undefined) =>
    (REASONS as readonly string[]).includes(code ?? "")
      ? tr(code as Reason)
      : (SHARED_REASONS as readonly string[]).includes(code ?? "")
        ? te(code as SharedReason)
        : tr("other");
  const { getToken } = useApiToken();
  const [memberships, setMemberships] = useState(initial);
  const [retrying, setRetrying] = useState<string | null>(null);

  if (memberships.length === 0) return null;
  const anyFailed = memberships.some((membership) => membership.status === "failed");

  async function retry(membership: MembershipResult) {
    setRetrying(membership.changeId);
    const update = (next: Partial<MembershipResult>) =>
      setMemberships((current) =>
        current.map((item) =>
          item.changeId === membership.changeId ? { ...membership, ...next } : item,
        ),
      );
    try {
      const token = await getToken();
      if (!token.ok) {
        update({ status: "failed", errorCode: "session_expired" });
        return;
      }
      const result = await retryMembership(token.accessToken, { changeId: membership.changeId });
      if (result.ok)
        setMemberships((current) =>
          current.map((item) => (item.changeId === membership.changeId ? result.data : item)),
        );
      else update({ status: "failed", errorCode: result.error.code });
    } catch {
      update({ status: "failed", errorCode: "graph_unreachable" });
    } finally {
      setRetrying(null);
    }
  }

  return (
    <section aria-labelledby="invite-groups-result-title" className="space-y-3">
      <h2 id="invite-groups-result-title" className="text-sm font-semibold text-slate-900">
        {tg("section")}
      </h2>
      {anyFailed ? <p className="text-sm text-slate-700">{t("failedIntro")}</p> : null}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
        {memberships.map((membership) => (
          <li
            key={membership.changeId}
            data-testid="group-membership"
            className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between"
          >
            <div className="min-w-0 space-y-1">
              <p className="font-medium break-words text-slate-900">{membership.groupName}</p>
              <span
                className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ${STATUS_STYLES[membership.status]}`}
              >
                {t(`statuses.${membership.status}`)}
              </span>
              {membership.status === "failed" ? (
                <p className="text-sm text-slate-700">{reason(membership.errorCode)}</p>
              ) : null}
              {membership.requestId ? (
                <p className="text-xs text-slate-600">
                  {ti("requestId")}{" "}
                  <code className="font-mono break-all select-all">{membership.requestId}</code>
                </p>
              ) : null}
            </div>
            {membership.status === "failed" ? (
              <Button
                variant="secondary"
                onClick={() => void retry(membership)}
                disabled={retrying !== null}
                aria-disabled={retrying !== null}
                aria-label={t("retryLabel", { name: membership.groupName })}
              >
                {retrying === membership.changeId ? <Spinner /> : null}
                {retrying === membership.changeId ? t("retrying") : t("retry")}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="sr-only">
        {retrying ? t("retrying") : ""}
      </p>
    </section>
  );
}
