import { z } from "zod";
import { findEmailProblem } from "./email-rules";
import {
  CUSTOM_MESSAGE_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
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

function redirectUrlRules(value: string, ctx: z.RefinementCtx) {
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
  if (url.protocol === "https:" || (url.protocol === "http:" && isLocalhost(url))) return;
  ctx.addIssue({ code: "custom", message: "validation.redirectUrl.httpsRequired" });
}

const optionalText = z.string({ error: "validation.invalid" }).trim().optional();

const sponsorSchema = z.object({
  id: z.guid({ error: "validation.sponsors.invalidId" }),
  displayName: z.string({ error: "validation.invalid" }).max(DISPLAY_NAME_MAX_LENGTH, {
    error: "validation.sponsors.invalidId",
  }),
});

export const inviteSchema = z
  .object({
    email: z.string({ error: "validation.email.required" }).trim().superRefine(emailRules),
    displayName: optionalText.refine((value) => (value ?? "").length <= DISPLAY_NAME_MAX_LENGTH, {
      message: "validation.displayName.tooLong",
      params: { maximum: DISPLAY_NAME_MAX_LENGTH },
    }),
    redirectUrl: z
      .string({ error: "validation.redirectUrl.required" })
      .trim()
      .superRefine(redirectUrlRules),
    userType: z.enum(USER_TYPES, { error: "validation.userType.invalid" }),
    sendInvitationMessage: z.boolean({ error: "validation.invalid" }),
    messageLanguage: optionalText,
    customMessage: z.string({ error: "validation.invalid" }).optional(),
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
  })
  // The message fields matter only when an e-mail is sent; hidden fields must never block the form.
  .superRefine((values, ctx) => {
    if (!values.sendInvitationMessage) return;
    if (values.messageLanguage && !isSupportedLanguageTag(values.messageLanguage)) {
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
    if (values.ccRecipient) addAddressProblem(ctx, values.ccRecipient, ["ccRecipient"]);
  });

export type InviteFormValues = z.output<typeof inviteSchema>;
