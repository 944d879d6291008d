"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type DragEvent } from "react";
import { MAX_BULK_FILE_BYTES, MAX_BULK_ROWS } from "@/lib/bulk/limits";

/**
 * A real file input (keyboard and screen readers use it as a button) inside an area that also takes a
 * dropped file.
 */
export function FileDropZone({
  onFile,
  disabled,
}: {
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("bulk.upload");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  }

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={`rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors ${
        dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"
      }`}
    >
      <p className="text-sm text-slate-700">{t("dropHere")}</p>
      <label
        htmlFor={id}
        className="focus-within:outline-brand-600 mt-3 inline-flex cursor-pointer items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-sm focus-within:outline-2 focus-within:outline-offset-2 hover:bg-slate-50"
      >
        {t("choose")}
        <input
          ref={input}
          id={id}
          type="file"
          accept=".csv,text/csv,.txt,text/plain"
          className="sr-only"
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
            // Choosing the same file again must still trigger a change.
            event.target.value = "";
          }}
        />
      </label>
      <p id={`${id}-hint`} className="mt-3 text-sm text-slate-600">
        {t("limits", {
          rows: MAX_BULK_ROWS,
          megabytes: MAX_BULK_FILE_BYTES / (1024 * 1024),
        })}
      </p>
    </div>
  );
}
