import type { FieldError as ActionFieldError } from "@/lib/server-action/action-result";

/*
 * react-hook-form keeps one string message per field; the schema's errors are an i18n key plus
 * interpolation values. Encoding both in the message lets browser-side and server-side errors travel
 * the same way to the component that translates them.
 */
export function encodeFieldError(error: ActionFieldError): string {
  return JSON.stringify(error);
}

export function decodeFieldError(message: string | undefined): ActionFieldError | undefined {
  if (!message) return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    if (parsed && typeof parsed === "object" && "key" in parsed && typeof parsed.key === "string") {
      return parsed as ActionFieldError;
    }
  } catch {
    // a plain message
  }
  return { key: message };
}
