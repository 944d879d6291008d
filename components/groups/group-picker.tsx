"use client";

import { useTranslations } from "next-intl";
import { RemovableChips } from "@/components/ui/removable-chips";
import { firstItemError } from "@/components/forms/first-item-error";
import { useRef, useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import { useFieldErrorMessage } from "@/components/forms/use-field-error-message";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { GROUPS_MAX_COUNT } from "@/lib/invitations/invite-fields";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { groupTypeKey } from "./group-kind-label";
import { useGroupSearch } from "./use-group-search";

/** Groups the guest joins after the invitation: the person's own, or any for group administrators. */
export function GroupPicker() {
  const t = useTranslations("Groups");
  const tc = useTranslations("common");
  const te = useTranslations("errors");
  const errorMessage = useFieldErrorMessage();
  const { control } = useFormContext<InviteFormValues>();
  const { field, fieldState } = useController({ control, name: "groups" });
  const [query, setQuery] = useState("");
  const [reached, setReached] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const search = useGroupSearch(query, reached);
  const input = useRef<HTMLInputElement | null>(null);

  const groups = field.value ?? [];
  const full = groups.length >= GROUPS_MAX_COUNT;
  const chosen = new Set(groups.map((group) => group.id));
  const found =
    search.status === "done" ? search.choices.groups.filter((group) => !chosen.has(group.id)) : [];
  const options: ComboboxOption[] = found.map((group) => ({
    key: group.id,
    label: group.displayName,
    description: [t(`types.${groupTypeKey(group)}`), group.mail].filter(Boolean).join(" · "),
  }));

  const emptyMessage =
    search.status === "searching"
      ? t("field.loading")
      : search.status === "failed"
        ? search.sessionExpired
          ? te("session_expired")
          : t("field.searchFailed")
        : search.status === "done"
          ? t("field.noResults")
          : undefined;

  const scopeAll = search.status === "done" && search.choices.scope === "all";
  const hint = full
    ? t("field.limitReached", { maximum: GROUPS_MAX_COUNT })
    : t(scopeAll ? "field.hintAll" : "field.hintOwned", { maximum: GROUPS_MAX_COUNT });
  const fieldError = fieldState.error?.message ?? firstItemError(fieldState.error);

  function add(option: ComboboxOption) {
    const group = found.find((candidate) => candidate.id === option.key);
    if (!group || full) return;
    if (group.dynamic) {
      setRefused(group.displayName);
      return;
    }
    setRefused(null);
    field.onChange([...groups, { id: group.id, displayName: group.displayName }]);
    setQuery("");
  }

  function remove(id: string) {
    field.onChange(groups.filter((group) => group.id !== id));
    input.current?.focus();
  }

  return (
    <Field
      id="invite-groups"
      label={t("field.label")}
      optionalLabel={tc("optional")}
      hint={hint}
      error={errorMessage(fieldError)}
    >
      {(controlProps) => (
        <div className="space-y-3" onFocusCapture={() => setReached(true)}>
          <Combobox
            control={controlProps}
            inputRef={(element) => {
              input.current = element;
              field.ref(element);
            }}
            inputValue={query}
            onInputChange={(text) => {
              setRefused(null);
              setQuery(text);
            }}
            options={options}
            onSelect={add}
            onBlur={field.onBlur}
            placeholder={t("field.search")}
            emptyMessage={emptyMessage}
            resultsMessage={
              search.status === "done" ? tc("results", { count: options.length }) : emptyMessage
            }
            disabled={full}
          />
          <p role="status" className="text-sm text-amber-900 empty:hidden">
            {refused ? t("field.dynamicRefused", { name: refused }) : ""}
          </p>
          <RemovableChips
            items={groups}
            label={t("field.selected")}
            removeLabel={(item) => t("field.remove", { name: item.displayName })}
            onRemove={remove}
            empty={t("field.none")}
          />
        </div>
      )}
    </Field>
  );
}
