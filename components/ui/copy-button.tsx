"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type RefObject } from "react";
import { Button } from "./button";
import { copyText, selectContents } from "./clipboard";

type CopyState = "idle" | "copied" | "failed";

/**
 * A Copy button with its own polite live region, so screen readers hear "Copied" and sighted people
 * see it next to the button. When copying is impossible, the text is selected for Ctrl+C instead.
 */
export function CopyButton({
  text,
  label,
  target,
}: {
  text: string;
  /** Accessible name, e.g. "Copy redeem URL". */
  label: string;
  target?: RefObject<HTMLElement | null>;
}) {
  const t = useTranslations("copy");
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    const copied = await copyText(text);
    if (!copied && target?.current) selectContents(target.current);
    setState(copied ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), copied ? 3000 : 8000);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={copy} aria-label={label}>
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <rect x="9" y="9" width="11" height="11" rx="2" />
          <path d="M5 15V6a2 2 0 0 1 2-2h8" />
        </svg>
        {t("copy")}
      </Button>
      <span
        role="status"
        aria-live="polite"
        className={`text-sm ${state === "failed" ? "text-red-700" : "text-emerald-700"}`}
      >
        {state === "copied" ? t("copied") : state === "failed" ? t("failed") : ""}
      </span>
    </span>
  );
}
