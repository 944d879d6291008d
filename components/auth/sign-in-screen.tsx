"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { usePortalConfig } from "./auth-provider";
import { useAuthActions } from "./use-auth-actions";

export function SignInScreen() {
  const t = useTranslations("auth");
  const { signIn } = useAuthActions();
  const { localTenant } = usePortalConfig();
  const [failed, setFailed] = useState(false);

  async function start() {
    setFailed(false);
    try {
      await signIn();
    } catch {
      setFailed(true);
    }
  }

  return (
    <Card className="mx-auto max-w-md" aria-labelledby="sign-in-title">
      <CardBody className="space-y-4 text-center">
        <div
          aria-hidden="true"
          className="bg-brand-50 text-brand-700 mx-auto flex size-12 items-center justify-center rounded-full"
        >
          <svg
            viewBox="0 0 24 24"
            className="size-6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          >
            <rect x="5" y="11" width="14" height="9" rx="2" />
            <path d="M8 11V8a4 4 0 0 1 8 0v3" />
          </svg>
        </div>
        <h1 id="sign-in-title" className="text-xl font-semibold">
          {t("signInTitle")}
        </h1>
        <p className="text-sm text-slate-600">{t("signInBody")}</p>
        {localTenant ? <p className="text-sm text-slate-600">{t("localTenantSignIn")}</p> : null}
        {failed ? <Alert tone="error" role="alert" title={t("signInFailed")} /> : null}
        <Button onClick={start} className="w-full">
          {t("signIn")}
        </Button>
      </CardBody>
    </Card>
  );
}
