"use client";

import { EventType, type AccountInfo, type EventMessage } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { createContext, use, useEffect, useMemo, useState, type ReactNode } from "react";

const SignedInAccountContext = createContext<AccountInfo | null>(null);

/**
 * Works out the signed-in account once for the whole page. MSAL's getActiveAccount reads and parses
 * the browser's storage on every call; asked by every component that calls the server (a row's
 * buttons among them), it took about 15 ms of a 25-row list's render (docs/performance.md).
 */
export function SignedInAccountProvider({ children }: { children: ReactNode }) {
  const { instance, accounts } = useMsal();
  const [activeChanges, setActiveChanges] = useState(0);
  useEffect(() => {
    const id = instance.addEventCallback((message: EventMessage) => {
      if (message.eventType === EventType.ACTIVE_ACCOUNT_CHANGED)
        setActiveChanges((count) => count + 1);
    });
    return () => {
      if (id) instance.removeEventCallback(id);
    };
  }, [instance]);
  const account = useMemo(() => {
    if (accounts.length === 0) return null;
    const active = instance.getActiveAccount();
    return (
      accounts.find((candidate) => candidate.homeAccountId === active?.homeAccountId) ??
      accounts[0] ??
      null
    );
    // activeChanges: getActiveAccount's answer changes without `accounts` changing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [instance, accounts, activeChanges]);
  return <SignedInAccountContext value={account}>{children}</SignedInAccountContext>;
}

/**
 * The account this tab signed in with; the first cached one when none was made active yet. Derived
 * from MsalProvider's state, which starts empty on server and client alike, so hydration matches.
 */
export function useSignedInAccount(): AccountInfo | null {
  return use(SignedInAccountContext);
}
