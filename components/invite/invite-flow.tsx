"use client";

import { useState } from "react";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import type { SentInvitationResult } from "./actions";
import { InviteForm } from "./invite-form";
import { InviteResult } from "./invite-result";

type Sent = { result: SentInvitationResult; email: string; emailSent: boolean };

/** The form, then the result; "Invite another" starts over with a fresh form. */
export function InviteFlow() {
  const [sent, setSent] = useState<Sent | null>(null);
  const [round, setRound] = useState(0);

  if (sent) {
    return (
      <InviteResult
        result={sent.result}
        email={sent.email}
        emailSent={sent.emailSent}
        onInviteAnother={() => {
          setSent(null);
          setRound((value) => value + 1);
          requestAnimationFrame(() => document.getElementById("invite-email")?.focus());
        }}
      />
    );
  }
  return (
    <InviteForm
      key={round}
      onSent={(result: SentInvitationResult, values: InviteFormValues) =>
        setSent({ result, email: values.email, emailSent: values.sendInvitationMessage })
      }
    />
  );
}
