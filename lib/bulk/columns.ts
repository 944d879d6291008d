/** The invitation fields a bulk file can fill, named as in the single-invite form. */
export const BULK_FIELDS = [
  "email",
  "displayName",
  "redirectUrl",
  "sendInvitationMessage",
  "customMessage",
  "messageLanguage",
  "userType",
  "groups",
] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** Which column (0-based) holds each field; fields the file lacks are absent. */
export type ColumnMap = Partial<Record<BulkField, number>>;

/** "admin_center": the Entra admin center's bulk-invite template; "simple": one plain header row. */
export type BulkFormat = "admin_center" | "simple";

// The admin center names each column's property in brackets: "Email address to invite [inviteeEmail] Required".
const ADMIN_CENTER_PROPERTIES: Record<string, BulkField> = {
  inviteeemail: "email",
  inviteename: "displayName",
  inviteredirecturl: "redirectUrl",
  sendemail: "sendInvitationMessage",
  customizedmessagebody: "customMessage",
};

// The portal's own template, plus spellings people are likely to type.
const SIMPLE_HEADERS: Record<string, BulkField> = {
  email: "email",
  emailaddress: "email",
  mail: "email",
  displayname: "displayName",
  name: "displayName",
  redirecturl: "redirectUrl",
  sendemail: "sendInvitationMessage",
  sendinvitationmessage: "sendInvitationMessage",
  message: "customMessage",
  custommessage: "customMessage",
  language: "messageLanguage",
  messagelanguage: "messageLanguage",
  usertype: "userType",
  groups: "groups",
  groupids: "groups",
};

const BRACKETED = /\[([^\]]+)\]/;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export function isAdminCenterHeader(headers: readonly string[]): boolean {
  return headers.some((header) => {
    const property = BRACKETED.exec(header)?.[1];
    return property !== undefined && normalize(property) in ADMIN_CENTER_PROPERTIES;
  });
}

/** Maps header cells to fields; the first column naming a field wins, unknown columns are kept but unused. */
export function mapColumns(headers: readonly string[], format: BulkFormat): ColumnMap {
  const columns: ColumnMap = {};
  headers.forEach((header, index) => {
    const key =
      format === "admin_center"
        ? ADMIN_CENTER_PROPERTIES[normalize(BRACKETED.exec(header)?.[1] ?? "")]
        : SIMPLE_HEADERS[normalize(header)];
    if (key && columns[key] === undefined) columns[key] = index;
  });
  return columns;
}

/** The header row of the portal's own template, in its column order. */
export const SIMPLE_TEMPLATE_HEADERS = [
  "email",
  "displayName",
  "redirectUrl",
  "sendEmail",
  "message",
  "language",
  "userType",
  "groups",
] as const;
