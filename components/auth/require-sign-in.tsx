"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";
import { SignInScreen } from "./sign-in-screen";
import { useSignedInAccount } from "./use-signed-in-account";

/**
 * Renders children only for a signed-in person. Until MSAL has finished starting up (and processing
 * a redirect), nothing of the page is shown, so protected content never flashes.
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const t = useTranslations("auth");
  const { inProgress } = useMsal();
  const account = useSignedInAccount();

  if (inProgress !== InteractionStatus.None) {
    return (
      <p
        role="status"
        className="flex items-center justify-center gap-2 py-16 text-sm text-slate-700"
      >
        <Spinner />
        {inProgress === InteractionStatus.Logout ? t("signingOut") : t("checkingSession")}
      </p>
    );
  }
  if (!account) return <SignInScreen />;
  return children;
}
