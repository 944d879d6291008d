import Link from "next/link";
import { useTranslations } from "next-intl";
import { AccountMenu } from "@/components/auth/account-menu";
import { LanguageSwitcher } from "@/components/i18n/language-switcher";
import { LocalTenantBadge } from "./local-tenant-badge";
import { MainNav } from "./main-nav";

export function AppHeader() {
  const t = useTranslations("app");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 pt-3 sm:px-6">
        <div className="flex items-center gap-3">
          <Link
            href="/"
            className="focus-visible:outline-brand-600 flex items-center gap-2 rounded-md font-semibold text-slate-900 focus-visible:outline-2"
          >
            <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
              <rect width="32" height="32" rx="8" fill="#1d47b0" />
              <path
                d="M9 22c0-3.3 3.1-5 7-5s7 1.7 7 5"
                stroke="#fff"
                strokeWidth="2.2"
                fill="none"
                strokeLinecap="round"
              />
              <circle cx="16" cy="11.5" r="3.5" fill="#fff" />
              <circle cx="24.5" cy="9" r="3" fill="#7dd3fc" />
            </svg>
            <span>{t("name")}</span>
          </Link>
          <LocalTenantBadge />
        </div>
        <div className="flex items-center gap-2">
          <LanguageSwitcher />
          <AccountMenu />
        </div>
      </div>
      <div className="mx-auto max-w-5xl px-4 sm:px-6">
        <MainNav />
      </div>
    </header>
  );
}
