import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { toFieldErrors } from "@/lib/server-action/field-errors";
import { encodeFieldError } from "./field-error-codec";

/**
 * Like zodResolver, but keeps each issue's interpolation values (zodResolver keeps only the message),
 * using the same issue-to-field-error mapping as the server actions, so both report identical errors.
 * Accepts a loader so that a page can fetch the schema (and zod) after its first paint.
 */
type ParsingSchema<Values> = {
  safeParseAsync(
    input: unknown,
  ): Promise<
    { success: true; data: Values } | { success: false; error: { issues: z.core.$ZodIssue[] } }
  >;
};

export function schemaResolver<Values extends FieldValues>(
  schema: ParsingSchema<Values> | (() => Promise<ParsingSchema<Values>>),
): Resolver<Values> {
  return async (values) => {
    const resolved = typeof schema === "function" ? await schema() : schema;
    const parsed = await resolved.safeParseAsync(values);
    if (parsed.success) return { values: parsed.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const [path, fieldErrors] of Object.entries(toFieldErrors(parsed.error.issues))) {
      const first = fieldErrors[0];
      if (!first) continue;
      setPath(errors, path === "" ? "root" : path, {
        type: "validation",
        message: encodeFieldError(first),
      });
    }
    return { values: {}, errors: errors as FieldErrors<Values> };
  };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      node[part] = value;
      return;
    }
    node[part] ??= /^\d+$/.test(parts[index + 1] ?? "") ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}
