"use client";

import { useTranslations } from "next-intl";
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
          {groups.length > 0 ? (
            <ul aria-label={t("field.selected")} className="flex flex-wrap gap-2">
              {groups.map((group) => (
                <li
                  key={group.id}
                  className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-100 py-1 pr-1 pl-3 text-sm text-slate-900"
                >
                  {group.displayName}
                  <button
                    type="button"
                    onClick={() => remove(group.id)}
                    aria-label={t("field.remove", { name: group.displayName })}
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
            <p className="text-sm text-slate-600">{t("field.none")}</p>
          )}
        </div>
      )}
    </Field>
  );
}

/** Errors on one group ("groups.0.id") are shown on the picker as a whole. */
function firstItemError(error: unknown): string | undefined {
  if (!Array.isArray(error)) return undefined;
  for (const item of error) {
    const message = (item as { id?: { message?: string } } | undefined)?.id?.message;
    if (message) return message;
  }
  return undefined;
}
