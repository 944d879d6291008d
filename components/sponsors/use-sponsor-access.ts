"use client";

import { useEffect, useState } from "react";
import { useServerAction } from "@/components/server-action/use-server-action";
import { getSponsorCapabilities } from "./actions";

// One question per page load, however many rows show the button.
let asked: Promise<boolean> | null = null;

/** Whether the signed-in person may change sponsors; null until known (the button stays hidden). */
export function useSponsorAccess(): boolean | null {
  const { call } = useServerAction();
  const [canManage, setCanManage] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    asked ??= call(getSponsorCapabilities, {}, { background: true }).then((outcome) => {
      if (!outcome.ok) asked = null;
      return outcome.ok && outcome.data.canManage;
    });
    void asked.then((answer) => {
      if (current) setCanManage(answer);
    });
    return () => {
      current = false;
    };
  }, [call]);
  return canManage;
}
