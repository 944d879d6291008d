import type { z } from "zod";
import type { FieldError } from "./action-result";

// The shared schema's messages are full keys such as "validation.email.required" (lib/invitations).
const I18N_KEY = /^validation(\.[\w-]+)+$/;

function numeric(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

function paramsOf(issue: z.core.$ZodIssue): Record<string, string | number> | undefined {
  const params: Record<string, string | number> = {};
  if (issue.code === "too_big") params.maximum = numeric(issue.maximum) ?? String(issue.maximum);
  if (issue.code === "too_small") params.minimum = numeric(issue.minimum) ?? String(issue.minimum);
  if (issue.code === "custom") {
    for (const [name, value] of Object.entries(issue.params ?? {})) {
      if (typeof value === "string" || typeof value === "number") params[name] = value;
    }
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

// For issues whose message is zod's own English text rather than one of the schema's keys.
const FALLBACK_KEY = "validation.invalid";

function keyOf(issue: z.core.$ZodIssue): string {
  return I18N_KEY.test(issue.message) ? issue.message : FALLBACK_KEY;
}

/**
 * Turns zod issues into field errors keyed by field path ("sponsors.0.id"; "" for the form as a whole).
 * The shared schema uses i18n keys as its messages, so the browser can translate what the server found.
 * The browser's form resolver uses this too (components/forms): keep this file free of server-only imports.
 */
export function toFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  formPath?: string,
): Record<string, FieldError[]> {
  const fieldErrors: Record<string, FieldError[]> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const field = (formPath !== undefined && path[0] === formPath ? path.slice(1) : path).join(".");
    const params = paramsOf(issue);
    (fieldErrors[field] ??= []).push(
      params ? { key: keyOf(issue), params } : { key: keyOf(issue) },
    );
  }
  return fieldErrors;
}
