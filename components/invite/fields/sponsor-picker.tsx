"use client";

import { useTranslations } from "next-intl";
import { RemovableChips } from "@/components/ui/removable-chips";
import { firstItemError } from "@/components/forms/first-item-error";
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
          <RemovableChips
            items={sponsors}
            label={t("selected")}
            removeLabel={(item) => t("remove", { name: item.displayName })}
            onRemove={remove}
            empty={t("defaultSponsor")}
          />
        </div>
      )}
    </Field>
  );
}
