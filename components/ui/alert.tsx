import type { ReactNode, Ref } from "react";

type Tone = "info" | "success" | "warning" | "error";

const tones: Record<Tone, string> = {
  info: "border-sky-200 bg-sky-50 text-sky-950",
  success: "border-emerald-200 bg-emerald-50 text-emerald-950",
  warning: "border-amber-200 bg-amber-50 text-amber-950",
  error: "border-red-200 bg-red-50 text-red-950",
};

const icons: Record<Tone, string> = {
  info: "M12 8h.01M11 12h1v4h1",
  success: "M8 12.5l2.5 2.5L16 9.5",
  warning: "M12 8v4m0 4h.01",
  error: "M12 8v4m0 4h.01",
};

export function Alert({
  tone,
  title,
  children,
  actions,
  ref,
  role,
}: {
  tone: Tone;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  ref?: Ref<HTMLDivElement>;
  role?: "alert" | "status";
}) {
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role={role}
      className={`flex gap-3 rounded-lg border p-4 focus:outline-none ${tones[tone]}`}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="mt-0.5 size-5 shrink-0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <circle cx="12" cy="12" r="9" />
        <path d={icons[tone]} />
      </svg>
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-semibold">{title}</p>
        {children ? <div className="mt-1 space-y-1">{children}</div> : null}
        {actions ? <div className="mt-3 flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
