"use client";

import { useMsal } from "@azure/msal-react";
import { useCallback } from "react";
import { usePortalConfig } from "./auth-provider";
import { loginScopes } from "./msal-instance";
import { useSignedInAccount } from "./use-signed-in-account";

export function useAuthActions() {
  const { instance } = useMsal();
  const config = usePortalConfig();
  const account = useSignedInAccount();

  const signIn = useCallback(
    () =>
      instance.loginRedirect({
        scopes: loginScopes(config),
        redirectStartPage: window.location.href,
      }),
    [instance, config],
  );

  const signOut = useCallback(
    () => instance.logoutRedirect({ ...(account ? { account } : {}) }),
    [instance, account],
  );

  return { signIn, signOut };
}
