"use client";

import { InteractionStatus } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useEffect, useState } from "react";
import { useSignedInAccount } from "@/components/auth/use-signed-in-account";
import { useServerAction } from "@/components/server-action/use-server-action";
import { getSettingsAccess } from "./actions";

// Asked once per account and page load: the navigation renders on every page.
const answers = new Map<string, boolean>();

/**
 * Whether the signed-in person may change the portal's settings, as the server decides from their
 * validated token (and Graph); undefined until it has answered, false for anyone signed out. Only a
 * hint for the navigation: the settings actions check again.
 */
export function useSettingsAccess(): boolean | undefined {
  const account = useSignedInAccount();
  const { inProgress } = useMsal();
  const { call } = useServerAction();
  const key = account?.homeAccountId;
  const [, setAnswered] = useState(0);

  useEffect(() => {
    if (!key || inProgress !== InteractionStatus.None || answers.has(key)) return;
    let active = true;
    void call(getSettingsAccess, {}, { background: true }).then((outcome) => {
      if (!outcome.ok) return;
      answers.set(key, outcome.data.canChangeSettings);
      if (active) setAnswered((count) => count + 1);
    });
    return () => {
      active = false;
    };
  }, [call, key, inProgress]);

  return key ? answers.get(key) : false;
}
