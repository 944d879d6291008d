import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import type { BulkField, ColumnMap } from "./columns";

/** A problem with one row: an i18n key (under "validation." or "bulk.problems.") and its values. */
export type RowProblem = {
  field?: BulkField;
  key: string;
  params?: Record<string, string | number>;
};

/** The `groups` cell: group ids separated by `;` (blank parts ignored); the shared schema judges them. */
export function groupIdsOf(cell: string): string[] {
  return cell
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "si", "sí", "verdadero"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "falso"]);

/**
 * The form values a row stands for, before the shared schema judges them. Blank optional cells take
 * the single form's defaults: a guest, the configured redirect URL, and the invitation e-mail sent.
 */
export function rowValues(
  cells: readonly string[],
  columns: ColumnMap,
  defaultRedirectUrl: string,
): { values: InviteFormValues; problems: RowProblem[] } {
  const cell = (field: BulkField) => {
    const index = columns[field];
    return index === undefined ? "" : (cells[index] ?? "");
  };
  const problems: RowProblem[] = [];

  const sendCell = cell("sendInvitationMessage").trim().toLowerCase();
  let sendInvitationMessage = true;
  if (FALSE_WORDS.has(sendCell)) sendInvitationMessage = false;
  else if (sendCell !== "" && !TRUE_WORDS.has(sendCell)) {
    problems.push({ field: "sendInvitationMessage", key: "bulk.problems.sendEmail" });
  }

  const typeCell = cell("userType").trim().toLowerCase();
  let userType: InviteFormValues["userType"] = "Guest";
  if (typeCell === "member") userType = "Member";
  else if (typeCell !== "" && typeCell !== "guest") {
    problems.push({ field: "userType", key: "validation.userType.invalid" });
  }

  const redirectUrl = cell("redirectUrl").trim() || defaultRedirectUrl;
  return {
    values: {
      email: cell("email").trim(),
      displayName: cell("displayName").trim(),
      redirectUrl,
      userType,
      sendInvitationMessage,
      messageLanguage: cell("messageLanguage").trim(),
      customMessage: cell("customMessage"),
      ccRecipient: "",
      sponsors: [],
      // The id stands in for the name until the server looks the group up (job-rows.ts).
      groups: groupIdsOf(cell("groups")).map((id) => ({ id, displayName: id })),
    },
    problems,
  };
}

/** How duplicates are recognised: Entra treats addresses case-insensitively. */
export function addressKey(email: string): string {
  return email.trim().toLowerCase();
}
