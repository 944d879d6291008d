"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";

export default function PortalError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("errorPage");
  useEffect(() => {
    document.getElementById("error-title")?.focus();
  }, []);
  return (
    <Card className="mx-auto max-w-lg" aria-labelledby="error-title">
      <CardBody className="space-y-3">
        <h1 id="error-title" tabIndex={-1} className="text-lg font-semibold focus:outline-none">
          {t("title")}
        </h1>
        <p className="text-sm text-slate-600">{t("body")}</p>
        {error.digest ? (
          <p className="text-xs text-slate-600">
            {t("reference")} <code className="font-mono select-all">{error.digest}</code>
          </p>
        ) : null}
        <Button onClick={reset}>{t("retry")}</Button>
      </CardBody>
    </Card>
  );
}
