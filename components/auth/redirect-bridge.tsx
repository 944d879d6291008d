"use client";

import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";

/** Hands the identity provider's answer back to the page that started sign-in (MSAL v5). */
export function RedirectBridge() {
  const t = useTranslations("auth");
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    broadcastResponseToMainFrame().catch(() => setFailed(true));
  }, []);

  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      {failed ? (
        <div className="max-w-sm text-center">
          <h1 className="text-lg font-semibold">{t("bridgeFailedTitle")}</h1>
          <p className="mt-2 text-sm text-slate-600">{t("bridgeFailedBody")}</p>
          <Link
            href="/"
            className="text-brand-700 mt-4 inline-block text-sm font-medium underline underline-offset-2"
          >
            {t("backToPortal")}
          </Link>
        </div>
      ) : (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
          <Spinner />
          {t("completingSignIn")}
        </p>
      )}
    </main>
  );
}
