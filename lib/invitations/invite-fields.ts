/*
 * The invite form's limits, without zod: the browser needs them on first paint, while the schema itself
 * (and zod with it) loads only when the form first validates.
 */
export const DISPLAY_NAME_MAX_LENGTH = 256;
/** Graph documents no maximum (over 40k characters are accepted); an invitation e-mail should stay short. */
export const CUSTOM_MESSAGE_MAX_LENGTH = 2000;
export const SPONSORS_MAX_COUNT = 5;
/** Groups the guest is added to after the invitation; each is its own Graph request. */
export const GROUPS_MAX_COUNT = 20;
export const USER_TYPES = ["Guest", "Member"] as const;
export type InvitedUserType = (typeof USER_TYPES)[number];
