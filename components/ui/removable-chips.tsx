import type { ReactNode } from "react";

/** Chosen items as chips, each with a button that removes it; `empty` when nothing is chosen. */
export function RemovableChips<T extends { id: string; displayName: string }>({
  items,
  label,
  removeLabel,
  onRemove,
  empty,
}: {
  items: readonly T[];
  /** The list's accessible name. */
  label: string;
  /** The accessible name of an item's remove button. */
  removeLabel: (item: T) => string;
  onRemove: (id: string) => void;
  empty: ReactNode;
}) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {items.map((item) => (
        <li
          key={item.id}
          className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-100 py-1 pr-1 pl-3 text-sm text-slate-900"
        >
          {item.displayName}
          <button
            type="button"
            onClick={() => onRemove(item.id)}
            aria-label={removeLabel(item)}
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
  );
}
