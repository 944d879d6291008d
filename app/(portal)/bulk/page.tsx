import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { PageMessages } from "@/components/i18n/page-messages";
import { BulkHome } from "@/components/bulk/bulk-home";
import { PAGE_NAMESPACES } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bulk");
  return { title: t("title") };
}

export default function BulkPage() {
  return (
    <div className="mx-auto max-w-4xl">
      <PageMessages namespaces={PAGE_NAMESPACES.bulk}>
        <RequireSignIn>
          <BulkHome />
        </RequireSignIn>
      </PageMessages>
    </div>
  );
}
