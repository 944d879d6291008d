import { z } from "zod";
import { findEmailProblem } from "./email-rules";
import {
  addCharacterProblem,
  unstorableProblem,
  refuseInvisible,
  refuseNul,
  urlWhitespaceProblem,
} from "./hostile-characters";
import {
  CUSTOM_MESSAGE_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  GROUPS_MAX_COUNT,
  SPONSORS_MAX_COUNT,
  USER_TYPES,
} from "./invite-fields";
import { isSupportedLanguageTag } from "./languages";

/*
 * Every message is an i18n key (under "validation.") and every value it interpolates travels in the
 * issue's `params`, so the browser (react-hook-form) and the server action report the same errors and
 * each side translates them.
 */

function addAddressProblem(ctx: z.RefinementCtx, value: string, path?: string[]) {
  const problem = findEmailProblem(value);
  if (problem)
    ctx.addIssue({
      code: "custom",
      message: problem.key,
      ...(problem.params ? { params: problem.params } : {}),
      ...(path ? { path } : {}),
    });
}

function emailRules(value: string, ctx: z.RefinementCtx) {
  if (value === "") ctx.addIssue({ code: "custom", message: "validation.email.required" });
  else addAddressProblem(ctx, value);
}

function isLocalhost(url: URL): boolean {
  return url.hostname === "localhost";
}

/** Where the portal runs: http://localhost redirect URLs are for the local tenant only. */
export type InviteSchemaContext = { localTenant: boolean };

function redirectUrlRules(localTenant: boolean) {
  return (value: string, ctx: z.RefinementCtx) => {
    if (addCharacterProblem(ctx, unstorableProblem(value) ?? urlWhitespaceProblem(value))) return;
    checkRedirectUrl(value, ctx, localTenant);
  };
}

function checkRedirectUrl(value: string, ctx: z.RefinementCtx, localTenant: boolean) {
  if (value === "") {
    ctx.addIssue({ code: "custom", message: "validation.redirectUrl.required" });
    return;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "validation.redirectUrl.notAbsolute" });
    return;
  }
  if (url.protocol === "https:" || (localTenant && url.protocol === "http:" && isLocalhost(url)))
    return;
  ctx.addIssue({ code: "custom", message: "validation.redirectUrl.httpsRequired" });
}

const optionalText = z
  .string({ error: "validation.invalid" })
  .trim()
  .optional()
  .superRefine(refuseNul);

const sponsorSchema = z.object({
  id: z.guid({ error: "validation.sponsors.invalidId" }),
  displayName: z
    .string({ error: "validation.invalid" })
    .max(DISPLAY_NAME_MAX_LENGTH, { error: "validation.sponsors.invalidId" })
    .superRefine(refuseNul)
    .superRefine(refuseInvisible),
});

/** A group the guest joins after the invitation; the name is for the preview and the result only. */
const groupSchema = z.object({
  id: z.guid({ error: "validation.groups.invalidId" }),
  displayName: z
    .string({ error: "validation.invalid" })
    .max(DISPLAY_NAME_MAX_LENGTH, { error: "validation.groups.invalidId" })
    .superRefine(refuseNul)
    .superRefine(refuseInvisible),
});

const groupsSchema = z
  .array(groupSchema, { error: "validation.invalid" })
  .max(GROUPS_MAX_COUNT, { error: "validation.groups.tooMany" })
  .refine(
    (groups) => new Set(groups.map((group) => group.id.toLowerCase())).size === groups.length,
    { message: "validation.groups.duplicate" },
  )
  .optional();

function buildInviteSchema({ localTenant }: InviteSchemaContext) {
  return (
    z
      .object({
        email: z.string({ error: "validation.email.required" }).trim().superRefine(emailRules),
        displayName: optionalText
          .refine((value) => (value ?? "").length <= DISPLAY_NAME_MAX_LENGTH, {
            message: "validation.displayName.tooLong",
            params: { maximum: DISPLAY_NAME_MAX_LENGTH },
          })
          .superRefine(refuseInvisible),
        redirectUrl: z
          .string({ error: "validation.redirectUrl.required" })
          .trim()
          .superRefine(redirectUrlRules(localTenant)),
        userType: z.enum(USER_TYPES, { error: "validation.userType.invalid" }),
        sendInvitationMessage: z.boolean({ error: "validation.invalid" }),
        messageLanguage: optionalText,
        customMessage: z.string({ error: "validation.invalid" }).optional().superRefine(refuseNul),
        ccRecipient: optionalText,
        sponsors: z
          .array(sponsorSchema, { error: "validation.invalid" })
          .max(SPONSORS_MAX_COUNT, { error: "validation.sponsors.tooMany" })
          .refine(
            (sponsors) =>
              new Set(sponsors.map((sponsor) => sponsor.id.toLowerCase())).size === sponsors.length,
            {
              message: "validation.sponsors.duplicate",
            },
          ),
        // Optional: callers from before groups (bulk rows, stored drafts) send none.
        groups: groupsSchema,
      })
      // The message fields matter only when an e-mail is sent; hidden fields must never block the form.
      .superRefine((values, ctx) => {
        if (!values.sendInvitationMessage) return;
        // A NUL is already reported on its field.
        if (
          values.messageLanguage &&
          !unstorableProblem(values.messageLanguage) &&
          !isSupportedLanguageTag(values.messageLanguage)
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["messageLanguage"],
            message: "validation.messageLanguage.unsupported",
          });
        }
        if ((values.customMessage ?? "").length > CUSTOM_MESSAGE_MAX_LENGTH) {
          ctx.addIssue({
            code: "custom",
            path: ["customMessage"],
            message: "validation.customMessage.tooLong",
            params: { maximum: CUSTOM_MESSAGE_MAX_LENGTH },
          });
        }
        if (values.ccRecipient && !unstorableProblem(values.ccRecipient))
          addAddressProblem(ctx, values.ccRecipient, ["ccRecipient"]);
      })
  );
}

const schemas = {
  production: buildInviteSchema({ localTenant: false }),
  localTenant: buildInviteSchema({ localTenant: true }),
};

/** The schema for where the portal runs; the browser learns that from the public configuration. */
export function inviteSchemaFor(context: InviteSchemaContext): InviteSchema {
  return context.localTenant ? schemas.localTenant : schemas.production;
}

/** The strictest schema (a real tenant's). */
export const inviteSchema = schemas.production;
export type InviteSchema = typeof schemas.production;

export type InviteFormValues = z.output<typeof inviteSchema>;
