"use client";

import type { AccountInfo } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";

/**
 * The account this tab signed in with; the first cached one when none was made active yet. Derived
 * from MsalProvider's state, which starts empty on server and client alike, so hydration matches.
 */
export function useSignedInAccount(): AccountInfo | null {
  const { instance, accounts } = useMsal();
  if (accounts.length === 0) return null;
  const active = instance.getActiveAccount();
  return (
    accounts.find((account) => account.homeAccountId === active?.homeAccountId) ??
    accounts[0] ??
    null
  );
}
