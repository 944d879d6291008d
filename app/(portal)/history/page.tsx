import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { HistoryView } from "@/components/history/history-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("history");
  return { title: t("title") };
}

export default function HistoryPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <RequireSignIn>
        <HistoryView />
      </RequireSignIn>
    </div>
  );
}
