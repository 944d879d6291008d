"use client";

import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { needsSignIn, type SendError } from "./send-error";

/** A failed send in words the person can act on, with Graph's request ID for support. */
export function SendErrorAlert({
  error,
  onSignInAgain,
  ref,
}: {
  error: SendError;
  onSignInAgain: () => void;
  ref?: Ref<HTMLDivElement>;
}) {
  const t = useTranslations("errors");
  const ti = useTranslations("invite");
  return (
    <Alert
      ref={ref}
      role="alert"
      tone={error.code === "duplicate_in_progress" ? "warning" : "error"}
      title={ti("errorTitle")}
      actions={
        needsSignIn(error) ? (
          <Button size="sm" onClick={onSignInAgain}>
            {ti("actions.signInAgain")}
          </Button>
        ) : undefined
      }
    >
      <p>{t(error.code)}</p>
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
