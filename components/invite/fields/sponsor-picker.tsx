"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useController, useFormContext } from "react-hook-form";
import { useFieldErrorMessage } from "@/components/forms/use-field-error-message";
import { PeopleSearchCombobox } from "@/components/people/people-search-combobox";
import { Field } from "@/components/ui/field";
import { SPONSORS_MAX_COUNT } from "@/lib/invitations/invite-fields";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import type { DirectoryPerson } from "@/lib/graph/users";

/** Optional sponsors from the directory. With none, Entra makes the inviter the sponsor. */
export function SponsorPicker() {
  const t = useTranslations("invite.fields.sponsors");
  const tc = useTranslations("common");
  const errorMessage = useFieldErrorMessage();
  const { control } = useFormContext<InviteFormValues>();
  const { field, fieldState } = useController({ control, name: "sponsors" });
  const input = useRef<HTMLInputElement | null>(null);

  const sponsors = field.value;
  const full = sponsors.length >= SPONSORS_MAX_COUNT;
  const chosen = new Set(sponsors.map((sponsor) => sponsor.id));

  const fieldError = fieldState.error?.message ?? firstItemError(fieldState.error);

  function add(person: DirectoryPerson) {
    if (full) return;
    field.onChange([...sponsors, { id: person.id, displayName: person.displayName }]);
  }

  function remove(id: string) {
    field.onChange(sponsors.filter((sponsor) => sponsor.id !== id));
    input.current?.focus();
  }

  return (
    <Field
      id="invite-sponsors"
      label={t("label")}
      optionalLabel={tc("optional")}
      hint={
        full
          ? t("limitReached", { maximum: SPONSORS_MAX_COUNT })
          : t("hint", { maximum: SPONSORS_MAX_COUNT })
      }
      error={errorMessage(fieldError)}
    >
      {(controlProps) => (
        <div className="space-y-3">
          <PeopleSearchCombobox
            control={controlProps}
            inputRef={(element) => {
              input.current = element;
              field.ref(element);
            }}
            excludeIds={chosen}
            onPick={add}
            onBlur={field.onBlur}
            disabled={full}
            labels={{
              placeholder: t("search"),
              searching: t("searching"),
              searchFailed: t("searchFailed"),
              sessionExpired: t("sessionExpired"),
              noResults: t("noResults"),
              results: (count) => tc("results", { count }),
            }}
          />
          {sponsors.length > 0 ? (
            <ul aria-label={t("selected")} className="flex flex-wrap gap-2">
              {sponsors.map((sponsor) => (
                <li
                  key={sponsor.id}
                  className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-100 py-1 pr-1 pl-3 text-sm text-slate-900"
                >
                  {sponsor.displayName}
                  <button
                    type="button"
                    onClick={() => remove(sponsor.id)}
                    aria-label={t("remove", { name: sponsor.displayName })}
                    className="focus-visible:outline-brand-600 flex size-6 items-center justify-center rounded-full text-slate-600 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2"
                  >
                    <svg
                      aria-hidden="true"
                      viewBox="0 0 20 20"
                      className="size-3.5"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2.2"
                      strokeLinecap="round"
                    >
                      <path d="m5 5 10 10M15 5 5 15" />
                    </svg>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t("defaultSponsor")}</p>
          )}
        </div>
      )}
    </Field>
  );
}

/** Errors on one sponsor ("sponsors.0.id") are shown on the picker as a whole. */
function firstItemError(error: unknown): string | undefined {
  if (!Array.isArray(error)) return undefined;
  for (const item of error) {
    const message = (item as { id?: { message?: string } } | undefined)?.id?.message;
    if (message) return message;
  }
  return undefined;
}
