"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { decodeFieldError } from "./field-error-codec";

type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

/** Translates a react-hook-form error message (an encoded field error) into the person's language. */
export function useFieldErrorMessage() {
  // Keys come from the schema at run time, so they cannot be checked against the message types.
  const t = useTranslations() as unknown as Translate;
  return useCallback(
    (message: string | undefined): string | undefined => {
      const error = decodeFieldError(message);
      if (!error) return undefined;
      const key = t.has(error.key) ? error.key : "validation.invalid";
      return t(key, error.params);
    },
    [t],
  );
}
