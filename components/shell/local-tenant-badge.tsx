"use client";

import { useTranslations } from "next-intl";
import { usePortalConfig } from "@/components/auth/auth-provider";

/** Makes it obvious that nothing here touches a real Microsoft tenant. */
export function LocalTenantBadge() {
  const t = useTranslations("app");
  const { localTenant } = usePortalConfig();
  if (!localTenant) return null;
  return (
    <span
      title={t("localTenantHint")}
      className="rounded-full border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900"
    >
      {t("localTenant")}
    </span>
  );
}
