import type { UseFormReturn } from "react-hook-form";
import type { FieldError } from "@/lib/server-action/action-result";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { encodeFieldError } from "@/components/forms/field-error-codec";

/** The form's fields in screen order, so the first error focused is the first one the person sees. */
const FIELD_ORDER = [
  "email",
  "displayName",
  "redirectUrl",
  "userType",
  "sendInvitationMessage",
  "messageLanguage",
  "customMessage",
  "ccRecipient",
  "sponsors",
  "groups",
] as const satisfies readonly (keyof InviteFormValues)[];

type FieldName = (typeof FIELD_ORDER)[number];

/** The server's verdict on each field ("sponsors.0.id" lands on the sponsor picker). Returns how many fields it marked. */
export function applyServerFieldErrors(
  form: UseFormReturn<InviteFormValues>,
  fieldErrors: Record<string, FieldError[]>,
): number {
  const byField = new Map<FieldName, FieldError>();
  for (const [path, errors] of Object.entries(fieldErrors)) {
    const name = FIELD_ORDER.find((field) => field === path.split(".")[0]);
    const first = errors[0];
    if (name && first && !byField.has(name)) byField.set(name, first);
  }
  const marked = FIELD_ORDER.filter((name) => byField.has(name));
  for (const name of marked) {
    form.setError(name, { type: "server", message: encodeFieldError(byField.get(name)!) });
  }
  const first = marked[0];
  if (first) form.setFocus(first);
  return marked.length;
}
