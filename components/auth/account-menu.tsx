"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAuthActions } from "./use-auth-actions";
import { useSignedInAccount } from "./use-signed-in-account";

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part?.charAt(0).toUpperCase() ?? "").join("") || "?";
}

/** The signed-in person's name and UPN with Sign out; a Sign in button otherwise. */
export function AccountMenu() {
  const t = useTranslations("auth");
  const account = useSignedInAccount();
  const { signOut } = useAuthActions();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: PointerEvent) {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        trigger.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  // Signed out, every page shows the sign-in screen; a second Sign in button here would only compete.
  if (!account) return null;

  const name = account.name || account.username;
  return (
    <div ref={container} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="focus-visible:outline-brand-600 flex min-h-9 items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2"
      >
        <span
          aria-hidden="true"
          className="bg-brand-700 flex size-7 items-center justify-center rounded-full text-xs font-semibold text-white"
        >
          {initialsOf(name)}
        </span>
        <span className="sr-only">{t("accountMenu", { name })}</span>
        <span aria-hidden="true" className="hidden max-w-40 truncate sm:inline">
          {name}
        </span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="size-4 text-slate-500"
          fill="currentColor"
        >
          <path d="M5.5 7.5 10 12l4.5-4.5" stroke="currentColor" strokeWidth="1.5" fill="none" />
        </svg>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-4 shadow-lg"
      >
        <p className="text-xs font-medium tracking-wide text-slate-600 uppercase">
          {t("signedInAs")}
        </p>
        <p className="mt-1 truncate font-semibold text-slate-900">{name}</p>
        <p className="truncate text-sm text-slate-600" data-testid="account-upn">
          {account.username}
        </p>
        <Button
          variant="secondary"
          size="sm"
          className="mt-4 w-full"
          onClick={() => void signOut()}
        >
          {t("signOut")}
        </Button>
      </div>
    </div>
  );
}
