"use client";

import { useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A labelled, scrollable, copyable block of code (request body, PowerShell command). */
export function CodeBlock({
  id,
  title,
  caption,
  code,
  copyLabel,
}: {
  id: string;
  title: string;
  caption?: string;
  code: string;
  copyLabel: string;
}) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <figure className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </figcaption>
        <CopyButton text={code} label={copyLabel} target={pre} />
      </div>
      {caption ? <p className="text-sm text-slate-600">{caption}</p> : null}
      <pre
        ref={pre}
        id={id}
        tabIndex={0}
        aria-labelledby={`${id}-title`}
        className="focus-visible:outline-brand-600 max-h-96 overflow-auto rounded-lg bg-slate-900 p-4 font-mono text-[13px] leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        <code>{code}</code>
      </pre>
    </figure>
  );
}
