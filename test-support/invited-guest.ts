import { sendInvitation } from "@/components/invite/actions";

let counter = 0;

/** Invites a new guest through the invite action, as a person would; the address is unique per call. */
export async function inviteThroughAction(token: string, prefix = "pend") {
  counter += 1;
  const email = `${prefix}${counter}.${Date.now()}@fabrikam.com`;
  const result = await sendInvitation(token, {
    values: {
      email,
      displayName: `${prefix} ${counter}`,
      redirectUrl: "https://myapps.microsoft.com",
      userType: "Guest",
      sendInvitationMessage: false,
      messageLanguage: "",
      customMessage: "",
      ccRecipient: "",
      sponsors: [],
    },
    idempotencyKey: crypto.randomUUID(),
  });
  if (!result.ok) throw new Error(`invite failed: ${result.error.code}`);
  return { email, ...result.data };
}
