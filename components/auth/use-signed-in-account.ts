"use client";

import type { AccountInfo } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";

/** The account this tab signed in with; the first cached one when none was made active yet. */
export function useSignedInAccount(): AccountInfo | null {
  const { instance, accounts } = useMsal();
  return instance.getActiveAccount() ?? accounts[0] ?? null;
}
