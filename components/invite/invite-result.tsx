"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { MembershipResults } from "@/components/groups/membership-results";
import type { SentInvitationResult } from "./actions";

const KNOWN_STATUSES = ["PendingAcceptance", "Completed", "InProgress", "Error"] as const;
const SETTLED_STATUSES = new Set(["PendingAcceptance", "Completed"]);

export function InviteResult({
  result,
  email,
  emailSent,
  onInviteAnother,
}: {
  result: SentInvitationResult;
  email: string;
  emailSent: boolean;
  onInviteAnother: () => void;
}) {
  const t = useTranslations("invite.result");
  const redeemUrl = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    document.getElementById("invite-result-title")?.focus();
  }, []);

  const status = (KNOWN_STATUSES as readonly string[]).includes(result.status)
    ? t(`statuses.${result.status as (typeof KNOWN_STATUSES)[number]}`)
    : result.status || t("unknown");

  return (
    <Card aria-labelledby="invite-result-title">
      <CardHeader
        level={1}
        titleId="invite-result-title"
        title={t("title")}
        description={t(emailSent ? "emailSent" : "emailNotSent", { email })}
      />
      <CardBody className="space-y-6">
        {result.settled ? (
          <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            {t("settled")}
          </p>
        ) : null}
        <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("status")}</dt>
          <dd>
            <span
              className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 font-medium ring-1 ${
                SETTLED_STATUSES.has(result.status)
                  ? "bg-emerald-50 text-emerald-900 ring-emerald-200"
                  : "bg-amber-50 text-amber-900 ring-amber-200"
              }`}
            >
              {status}
            </span>
          </dd>
          <dt className="font-medium text-slate-600">{t("userId")}</dt>
          <dd className="font-mono break-all">{result.guestUserId || t("unknown")}</dd>
          <dt className="font-medium text-slate-600">{t("upn")}</dt>
          <dd className="font-mono break-all">{result.userPrincipalName ?? t("upnUnavailable")}</dd>
        </dl>

        <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="invite-redeem-url-title" className="text-sm font-semibold text-slate-900">
              {t("redeemUrl")}
            </h2>
            <CopyButton text={result.redeemUrl} label={t("copyRedeemUrl")} target={redeemUrl} />
          </div>
          <p
            ref={redeemUrl}
            aria-labelledby="invite-redeem-url-title"
            className="font-mono text-sm break-all text-slate-900"
            data-testid="redeem-url"
          >
            {result.redeemUrl}
          </p>
          <p className="text-sm text-slate-600">{t("redeemUrlHint")}</p>
        </div>

        <MembershipResults initial={result.memberships ?? []} />

        {result.requestId ? (
          <p className="text-xs text-slate-600">
            {t("requestId")} <code className="font-mono select-all">{result.requestId}</code>
          </p>
        ) : null}

        <Button onClick={onInviteAnother}>{t("inviteAnother")}</Button>
      </CardBody>
    </Card>
  );
}
