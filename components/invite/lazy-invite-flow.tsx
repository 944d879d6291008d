"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense } from "react";
import { Spinner } from "@/components/ui/spinner";

const importInviteFlow = () =>
  import("./invite-flow").then((module) => ({ default: module.InviteFlow }));

// The first paint is the session check or the sign-in screen, neither of which needs the form
// (react-hook-form, the fields, the result). Its code starts loading as soon as this module runs in
// the browser, beside MSAL's start-up, instead of before the first paint.
const loading = typeof window === "undefined" ? null : importInviteFlow();
const InviteFlow = lazy(() => loading ?? importInviteFlow());

export function LazyInviteFlow() {
  const t = useTranslations("common");
  return (
    <Suspense
      fallback={
        <p
          role="status"
          className="flex items-center justify-center gap-2 py-16 text-sm text-slate-700"
        >
          <Spinner />
          {t("loading")}
        </p>
      }
    >
      <InviteFlow />
    </Suspense>
  );
}
