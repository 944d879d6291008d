"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { RowProblem } from "@/lib/bulk/row-values";

type Translate = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

/** A row problem (an i18n key from the shared schema or the bulk reader) in the person's language, with its column. */
export function useProblemText() {
  // Keys come from the schema at run time, so they cannot be checked against the message types.
  const t = useTranslations() as unknown as Translate;
  return useCallback(
    (problem: Pick<RowProblem, "key" | "params" | "field">): string => {
      const key = t.has(problem.key) ? problem.key : "validation.invalid";
      const text = t(key, problem.params);
      return problem.field ? `${t(`bulk.fields.${problem.field}`)}: ${text}` : text;
    },
    [t],
  );
}
