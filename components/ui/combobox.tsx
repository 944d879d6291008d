"use client";

import { useEffect, useState, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { inputClasses, type ControlProps } from "./field";

export type ComboboxOption = {
  key: string;
  label: string;
  description?: string;
  /** BCP 47 tag when the label is in another language than the page. */
  lang?: string;
};

/**
 * An editable combobox with a list popup (WAI-ARIA APG pattern): focus stays in the text box, the
 * highlighted option is conveyed with aria-activedescendant, Enter picks it, Escape closes the list.
 */
export function Combobox({
  control,
  inputRef,
  inputValue,
  onInputChange,
  options,
  onSelect,
  onBlur,
  placeholder,
  emptyMessage,
  resultsMessage,
  disabled,
  leading,
}: {
  control: ControlProps;
  inputRef?: Ref<HTMLInputElement>;
  inputValue: string;
  onInputChange: (text: string) => void;
  options: ComboboxOption[];
  onSelect: (option: ComboboxOption) => void;
  onBlur?: () => void;
  placeholder?: string;
  /** Shown in the popup when there is nothing to pick (no match, searching, failed). */
  emptyMessage?: ReactNode;
  /** Announced politely, e.g. "4 results". */
  resultsMessage?: string;
  disabled?: boolean;
  leading?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listboxId = `${control.id}-listbox`;
  const optionId = (index: number) => `${control.id}-option-${index}`;
  const showPopup = open && (options.length > 0 || Boolean(emptyMessage));
  const activeIndex = active < options.length ? active : options.length - 1;

  useEffect(() => {
    if (!open || activeIndex < 0) return;
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: "nearest" });
    // optionId only depends on the stable control id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, activeIndex]);

  function pick(option: ComboboxOption) {
    onSelect(option);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else {
          setActive(Math.min(activeIndex + 1, options.length - 1));
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (open) setActive(Math.max(activeIndex - 1, 0));
        break;
      case "Enter": {
        if (!showPopup) break;
        // Enter chooses from the open list; it must never submit the surrounding form from here.
        event.preventDefault();
        const option = options[activeIndex] ?? options[0];
        if (option) pick(option);
        break;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  }

  return (
    <div className="relative">
      {leading ? (
        <div className="pointer-events-none absolute inset-y-0 left-0 flex items-center pl-3 text-slate-500">
          {leading}
        </div>
      ) : null}
      <input
        {...control}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={showPopup}
        aria-controls={listboxId}
        aria-activedescendant={showPopup && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        value={inputValue}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => {
          onInputChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
          onBlur?.();
        }}
        className={`${inputClasses} ${leading ? "pl-9" : ""}`}
      />
      <div
        hidden={!showPopup}
        className="absolute z-30 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
      >
        <ul id={listboxId} role="listbox" aria-labelledby={`${control.id}-label`}>
          {options.map((option, index) => (
            <li
              key={option.key}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              // Keep focus in the text box so the list does not close before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
              onMouseMove={() => setActive(index)}
              className={`flex cursor-pointer flex-wrap items-baseline justify-between gap-x-3 px-3 py-2 ${
                index === activeIndex ? "bg-brand-50 text-brand-800" : "text-slate-900"
              }`}
            >
              <span lang={option.lang}>{option.label}</span>
              {option.description ? (
                <span className="text-xs text-slate-600">{option.description}</span>
              ) : null}
            </li>
          ))}
        </ul>
        {options.length === 0 && emptyMessage ? (
          <p className="px-3 py-2 text-slate-600">{emptyMessage}</p>
        ) : null}
      </div>
      <span role="status" aria-live="polite" className="sr-only">
        {open ? resultsMessage : ""}
      </span>
    </div>
  );
}
