import type { InvitationRecord } from "../store/invitation-record";

/** An invitation e-mail the tenant sent: what a mailbox would have received, without the redeem link. */
export type SentEmail = {
  to: string;
  cc: string[];
  invitationId: string;
  userId: string;
  inviterId: string;
  sentDateTime: string;
  resetRedemption: boolean;
};

export type SentEmailFilter = { to?: string };

/**
 * Every invitation Graph acted on with `sendInvitationMessage: true` sent one e-mail, whether or not
 * its answer reached the caller (an `act-then-*` fault loses only the answer).
 */
export function sentEmails(
  invitations: Iterable<InvitationRecord>,
  filter: SentEmailFilter = {},
): SentEmail[] {
  const to = filter.to?.toLowerCase();
  const emails: SentEmail[] = [];
  for (const invitation of invitations) {
    if (!invitation.sendInvitationMessage) continue;
    if (to && invitation.invitedUserEmailAddress.toLowerCase() !== to) continue;
    emails.push({
      to: invitation.invitedUserEmailAddress,
      cc: [...invitation.ccRecipients],
      invitationId: invitation.id,
      userId: invitation.userId,
      inviterId: invitation.inviterId,
      sentDateTime: invitation.createdDateTime,
      resetRedemption: invitation.resetRedemption,
    });
  }
  return emails;
}

/** How many e-mails each address received, keyed by the lower-cased address. */
export function emailsPerAddress(emails: readonly SentEmail[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const email of emails) {
    const key = email.to.toLowerCase();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
