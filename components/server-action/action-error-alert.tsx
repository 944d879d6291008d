"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { needsSignIn, type CallError } from "./call-error";

/** A failed action in words the person can act on, with Graph's request ID for support. */
export function ActionErrorAlert({
  title,
  error,
  onSignInAgain,
  onRetry,
  retryLabel,
  explain,
  ref,
}: {
  /** What did not happen, e.g. "The invitation wasn’t sent". */
  title: string;
  error: CallError;
  /** A message for this situation instead of the general one for the code (e.g. "forbidden"). */
  explain?: (error: CallError) => string | undefined;
  onSignInAgain: () => void;
  onRetry?: () => void;
  retryLabel?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const t = useTranslations("errors");
  const tc = useTranslations("common");
  const seconds = Math.ceil(error.retryAfterSeconds ?? 1);
  // The portal's own limit names its wait in its message; Graph's Retry-After gets a line of its own.
  const ownLimit = error.code === "rate_limited";
  return (
    <Alert
      ref={ref}
      role="alert"
      tone={error.code === "duplicate_in_progress" ? "warning" : "error"}
      title={title}
      actions={
        needsSignIn(error) ? (
          <Button size="sm" onClick={onSignInAgain}>
            {tc("signInAgain")}
          </Button>
        ) : onRetry ? (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            {retryLabel ?? tc("retry")}
          </Button>
        ) : undefined
      }
    >
      <p>{explain?.(error) ?? (ownLimit ? t("rate_limited", { seconds }) : t(error.code))}</p>
      {error.permission ? <p>{t("consentPermission", { permission: error.permission })}</p> : null}
      {error.adminConsentUrl ? (
        <p>
          {t("adminConsentHint")}{" "}
          <a className="font-medium underline" href={error.adminConsentUrl}>
            {t("adminConsent")}
          </a>
        </p>
      ) : null}
      {error.retryAfterSeconds && !ownLimit ? <p>{t("retryAfter", { seconds })}</p> : null}
      {error.requestId ? (
        <p>
          {t("requestId")}{" "}
          <code className="rounded bg-white/70 px-1 py-0.5 font-mono text-xs break-all select-all">
            {error.requestId}
          </code>
        </p>
      ) : null}
    </Alert>
  );
}
