import { USER_NAVIGATION_PROPERTIES, USER_PROPERTIES } from "./user-properties";
import { readObject, type FieldSpec } from "./odata-body";

export type RecipientInput = {
  emailAddress: { address: string | null; name: string | null } | null;
};

/** The body of POST /invitations after the OData reader accepted it. */
export type InvitationRequest = {
  invitedUserEmailAddress?: string;
  inviteRedirectUrl?: string;
  invitedUserDisplayName?: string | null;
  invitedUserType?: string | null;
  sendInvitationMessage?: boolean | null;
  resetRedemption?: boolean | null;
  invitedUserMessageInfo?: {
    ccRecipients?: RecipientInput[];
    customizedMessageBody?: string | null;
    messageLanguage?: string | null;
  } | null;
  invitedUser?: { id?: string } | null;
  invitedUserSponsors?: { id?: string }[];
};

const text = (nullable = true): FieldSpec => ({ kind: "string", nullable });
const flag: FieldSpec = { kind: "boolean", nullable: true };

const emailAddressSpec: FieldSpec = {
  kind: "object",
  type: "microsoft.graph.emailAddress",
  nullable: true,
  fields: { address: text(), name: text() },
};

const recipientSpec: FieldSpec = {
  kind: "object",
  type: "microsoft.graph.recipient",
  nullable: true,
  fields: { emailAddress: emailAddressSpec },
};

const messageInfoSpec: FieldSpec = {
  kind: "object",
  type: "microsoft.graph.invitedUserMessageInfo",
  nullable: true,
  fields: {
    ccRecipients: { kind: "array", items: recipientSpec },
    customizedMessageBody: text(),
    messageLanguage: text(),
  },
};

// invitedUser is a microsoft.graph.user: any declared property is readable, only `id` matters here.
const invitedUserSpec: FieldSpec = {
  kind: "object",
  type: "microsoft.graph.user",
  nullable: true,
  fields: { id: text(false) },
  openFields: new Set([...Object.keys(USER_PROPERTIES), ...USER_NAVIGATION_PROPERTIES]),
};

const sponsorSpec: FieldSpec = {
  kind: "object",
  type: "microsoft.graph.directoryObject",
  nullable: false,
  fields: { id: text(false), deletedDateTime: { kind: "any" } },
};

const invitationSpec = {
  kind: "object",
  type: "microsoft.graph.invitation",
  nullable: false,
  fields: {
    id: { kind: "any" },
    invitedUserDisplayName: text(),
    invitedUserEmailAddress: text(false),
    invitedUserMessageInfo: messageInfoSpec,
    invitedUserType: text(),
    inviteRedeemUrl: { kind: "any" },
    inviteRedirectUrl: text(false),
    resetRedemption: flag,
    sendInvitationMessage: flag,
    status: { kind: "any" },
    invitedUser: invitedUserSpec,
    invitedUserSponsors: { kind: "array", items: sponsorSpec },
  },
} satisfies FieldSpec;

/** Reads a parsed JSON body as an invitation, with the OData reader's errors. */
export function readInvitationRequest(body: unknown): InvitationRequest {
  return readObject(body, invitationSpec) as InvitationRequest;
}
