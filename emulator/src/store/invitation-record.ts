/** An invitation as the tenant remembers it, so that its redeem link works; Graph itself has no GET for it. */
export type InvitationRecord = {
  id: string;
  userId: string;
  ticket: string;
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  inviteRedeemUrl: string;
  inviterId: string;
  createdDateTime: string;
  resetRedemption: boolean;
  sendInvitationMessage: boolean;
  /** Addresses copied on the invitation e-mail (`invitedUserMessageInfo.ccRecipients`). */
  ccRecipients: string[];
  /** Set when a later redemption reset made this link useless. */
  supersededDateTime: string | null;
  redeemedDateTime: string | null;
};
