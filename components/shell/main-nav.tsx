"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useSettingsAccess } from "@/components/settings/use-settings-access";
import { navItems } from "./nav-items";

export function MainNav() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const settingsAccess = useSettingsAccess();
  return (
    <nav
      aria-label={t("label")}
      // For tests: whether the server has said if the settings link belongs here.
      data-settings-access={settingsAccess === undefined ? "unknown" : String(settingsAccess)}
      className="-mb-px flex gap-1 overflow-x-auto"
    >
      {navItems
        .filter((item) => settingsAccess === true || !("administratorsOnly" in item))
        .map((item) => {
          // A section's own pages (e.g. one bulk job) keep its tab marked.
          const current =
            pathname === item.href || (item.href !== "/" && pathname.startsWith(`${item.href}/`));
          return (
            <Link
              key={item.href}
              href={item.href}
              // A full prefetch: without it the page's data arrives after the click, the loading
              // fallback shows, and React holds the page back for its 300 ms fallback throttle.
              // (Prefetching on hover only is too late: a click follows the hover within milliseconds.)
              prefetch
              aria-current={current ? "page" : undefined}
              className={`focus-visible:outline-brand-600 border-b-2 px-3 py-3 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:-outline-offset-2 ${
                current
                  ? "border-brand-700 text-brand-800"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              {t(item.labelKey)}
            </Link>
          );
        })}
    </nav>
  );
}
