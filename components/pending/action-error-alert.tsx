"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { needsSignIn, type SendError } from "@/components/invite/send-error";

/** A failed action in words the person can act on, with Graph's request ID for support. */
export function ActionErrorAlert({
  title,
  error,
  onSignInAgain,
  onRetry,
  retryLabel,
  explain,
}: {
  title: string;
  error: SendError;
  /** A message for this situation instead of the general one for the code (e.g. "forbidden"). */
  explain?: (error: SendError) => string | undefined;
  onSignInAgain: () => void;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  const t = useTranslations("errors");
  const tp = useTranslations("pending");
  return (
    <Alert
      role="alert"
      tone="error"
      title={title}
      actions={
        needsSignIn(error) ? (
          <Button size="sm" onClick={onSignInAgain}>
            {tp("signInAgain")}
          </Button>
        ) : onRetry ? (
          <Button size="sm" variant="secondary" onClick={onRetry}>
            {retryLabel ?? tp("retry")}
          </Button>
        ) : undefined
      }
    >
      <p>{explain?.(error) ?? t(error.code)}</p>
      {error.retryAfterSeconds ? (
        <p>{t("retryAfter", { seconds: Math.ceil(error.retryAfterSeconds) })}</p>
      ) : null}
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
