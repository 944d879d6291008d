import { Spinner } from "./spinner";

/** A list still loading: announced politely, with a spinner. */
export function ListLoading({ label }: { label: string }) {
  return (
    <p role="status" className="flex items-center gap-2 py-10 text-sm text-slate-700">
      <Spinner />
      {label}
    </p>
  );
}

/** A list with nothing to show, and what the person can do about it. */
export function ListEmpty({ title, hint }: { title: string; hint: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
      <p className="font-medium text-slate-900">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{hint}</p>
    </div>
  );
}
