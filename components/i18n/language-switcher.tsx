"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition, type ChangeEvent } from "react";
import {
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE_SECONDS,
  isAppLocale,
  locales,
} from "@/lib/i18n/locales";

/** Each language is named in itself, so a person can find theirs whatever the page is in. */
const nativeNames: Record<(typeof locales)[number], string> = { en: "English", es: "Español" };

export function LanguageSwitcher() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function change(event: ChangeEvent<HTMLSelectElement>) {
    const next = event.target.value;
    if (!isAppLocale(next)) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE_SECONDS}; samesite=lax${secure}`;
    // A refresh re-renders the server components in the new language and keeps client state (form input).
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor="language-switcher" className="sr-only">
        {t("label")}
      </label>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="size-4 text-slate-600"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 2.5 15.3 0 18M12 3c-2.5 2.7-2.5 15.3 0 18" />
      </svg>
      <select
        id="language-switcher"
        value={locale}
        onChange={change}
        disabled={pending}
        aria-busy={pending || undefined}
        className="focus-visible:outline-brand-600 min-h-9 rounded-md border border-slate-300 bg-white py-1 pr-8 pl-2 text-sm text-slate-800 shadow-sm focus-visible:outline-2"
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeNames[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
