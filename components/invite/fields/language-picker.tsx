"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { useFieldErrorMessage } from "@/components/forms/use-field-error-message";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { findInvitationLanguage, searchInvitationLanguages } from "@/lib/invitations/languages";

const AUTOMATIC = "";

/** The invitation e-mail's language, searchable by native name, English name or tag. */
export function LanguagePicker() {
  const t = useTranslations("invite.fields.messageLanguage");
  const tc = useTranslations("common");
  const errorMessage = useFieldErrorMessage();
  const { control } = useFormContext<InviteFormValues>();
  const { field, fieldState } = useController({ control, name: "messageLanguage" });
  const [query, setQuery] = useState<string | null>(null);

  const selected = field.value ? findInvitationLanguage(field.value) : undefined;
  const automaticLabel = t("automatic");
  const selectedLabel = selected?.nativeName ?? (field.value ? field.value : automaticLabel);

  const options = useMemo<ComboboxOption[]>(() => {
    const languages = searchInvitationLanguages(query ?? "").map((language) => ({
      key: language.tag,
      label: language.nativeName,
      description:
        language.englishName === language.nativeName
          ? language.tag
          : `${language.englishName} · ${language.tag}`,
      lang: language.tag,
    }));
    const showAutomatic = query === null || query.trim() === "";
    return showAutomatic ? [{ key: AUTOMATIC, label: automaticLabel }, ...languages] : languages;
  }, [query, automaticLabel]);

  return (
    <Field
      id="invite-message-language"
      label={t("label")}
      optionalLabel={tc("optional")}
      hint={t("hint")}
      error={errorMessage(fieldState.error?.message)}
    >
      {(controlProps) => (
        <Combobox
          control={controlProps}
          inputRef={field.ref}
          inputValue={query ?? selectedLabel}
          onInputChange={setQuery}
          options={options}
          onSelect={(option) => {
            field.onChange(option.key);
            setQuery(null);
          }}
          onBlur={() => {
            setQuery(null);
            field.onBlur();
          }}
          placeholder={t("search")}
          emptyMessage={t("noMatch")}
          resultsMessage={tc("results", { count: options.length })}
        />
      )}
    </Field>
  );
}
