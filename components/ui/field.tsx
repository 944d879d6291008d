import type { ReactNode } from "react";

export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export const inputClasses =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 disabled:bg-slate-100 aria-invalid:border-red-600 border-slate-300";

export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined === "" ? undefined : joined;
}

/**
 * Label, hint and error around one control. The error region is always present (empty when valid) so
 * screen readers announce it politely, and the control points at hint and error with aria-describedby.
 */
export function Field({
  id,
  label,
  hint,
  error,
  optionalLabel,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Shown after the label for optional fields, e.g. "(optional)". */
  optionalLabel?: string;
  /** Extra classes for the wrapper, e.g. grid placement. */
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div className={className ? `space-y-1.5 ${className}` : "space-y-1.5"}>
      <label id={`${id}-label`} htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
        {optionalLabel ? (
          <span className="ml-1 font-normal text-slate-600">{optionalLabel}</span>
        ) : null}
      </label>
      {children({
        id,
        "aria-describedby": describedBy(hintId, error ? errorId : undefined),
        ...(error ? { "aria-invalid": true as const } : {}),
      })}
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={errorId}>{error}</FieldErrorText>
    </div>
  );
}

export function FieldErrorText({ id, children }: { id: string; children?: ReactNode }) {
  return (
    <p id={id} aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden">
      {children ? (
        <>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            className="mr-1 inline size-4 align-[-3px]"
            fill="currentColor"
          >
            <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.75 4h1.5v5h-1.5V6Zm0 6.5h1.5V14h-1.5v-1.5Z" />
          </svg>
          {children}
        </>
      ) : null}
    </p>
  );
}
