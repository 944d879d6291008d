import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { PageMessages } from "@/components/i18n/page-messages";
import { HistoryTabs } from "@/components/history/history-tabs";
import { PAGE_NAMESPACES } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("history");
  return { title: t("title") };
}

export default function HistoryPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <PageMessages namespaces={PAGE_NAMESPACES.history}>
        <RequireSignIn>
          <HistoryTabs />
        </RequireSignIn>
      </PageMessages>
    </div>
  );
}
