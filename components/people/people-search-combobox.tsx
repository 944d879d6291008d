"use client";

import { useState, type Ref } from "react";
import { usePeopleSearch } from "@/components/invite/fields/use-people-search";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import type { ControlProps } from "@/components/ui/field";
import type { DirectoryPerson } from "@/lib/graph/users";

export type PeopleSearchLabels = {
  placeholder: string;
  searching: string;
  searchFailed: string;
  sessionExpired: string;
  noResults: string;
  results: (count: number) => string;
};

/** Members of the directory as the person types (invite form's sponsors, the Sponsors dialog). */
export function PeopleSearchCombobox({
  control,
  inputRef,
  excludeIds,
  onPick,
  onBlur,
  disabled,
  labels,
}: {
  control: ControlProps;
  inputRef?: Ref<HTMLInputElement>;
  /** People already chosen: not offered again. */
  excludeIds: ReadonlySet<string>;
  onPick: (person: DirectoryPerson) => void;
  onBlur?: () => void;
  disabled?: boolean;
  labels: PeopleSearchLabels;
}) {
  const [query, setQuery] = useState("");
  const search = usePeopleSearch(query);
  const people =
    search.status === "done" ? search.people.filter((person) => !excludeIds.has(person.id)) : [];
  const options: ComboboxOption[] = people.map((person) => ({
    key: person.id,
    label: person.displayName,
    description: person.mail ?? person.userPrincipalName,
  }));
  const emptyMessage =
    search.status === "searching"
      ? labels.searching
      : search.status === "failed"
        ? search.sessionExpired
          ? labels.sessionExpired
          : labels.searchFailed
        : search.status === "done"
          ? labels.noResults
          : undefined;

  function pick(option: ComboboxOption) {
    const person = people.find((candidate) => candidate.id === option.key);
    if (!person || disabled) return;
    onPick(person);
    setQuery("");
  }

  return (
    <Combobox
      control={control}
      {...(inputRef ? { inputRef } : {})}
      inputValue={query}
      onInputChange={setQuery}
      options={options}
      onSelect={pick}
      {...(onBlur ? { onBlur } : {})}
      placeholder={labels.placeholder}
      emptyMessage={emptyMessage}
      resultsMessage={search.status === "done" ? labels.results(options.length) : emptyMessage}
      disabled={disabled}
      leading={
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <circle cx="9" cy="9" r="5.5" />
          <path d="m13.5 13.5 3.5 3.5" strokeLinecap="round" />
        </svg>
      }
    />
  );
}
