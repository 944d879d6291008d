import type { InviteFormValues } from "./invite-schema";

/*
 * The invite form's limits and starting values, without zod: the browser needs them on first paint,
 * while the schema itself (and zod with it) loads only when the form first validates.
 */
export const DISPLAY_NAME_MAX_LENGTH = 256;
/** Graph documents no maximum (over 40k characters are accepted); an invitation e-mail should stay short. */
export const CUSTOM_MESSAGE_MAX_LENGTH = 2000;
export const SPONSORS_MAX_COUNT = 5;
export const USER_TYPES = ["Guest", "Member"] as const;
export type InvitedUserType = (typeof USER_TYPES)[number];

/** What a fresh form starts with; `redirectUrl` comes from configuration. */
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
  };
}
