import type { InviteFormValues } from "./invite-schema";

/** What a fresh form starts with; `redirectUrl` comes from configuration. Needs no zod at run time. */
export function defaultInviteValues(redirectUrl: string): InviteFormValues {
  return {
    email: "",
    displayName: "",
    redirectUrl,
    userType: "Guest",
    sendInvitationMessage: true,
    messageLanguage: "",
    customMessage: "",
    ccRecipient: "",
    sponsors: [],
    groups: [],
  };
}
