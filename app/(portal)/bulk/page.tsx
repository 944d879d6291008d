import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { BulkHome } from "@/components/bulk/bulk-home";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bulk");
  return { title: t("title") };
}

export default function BulkPage() {
  return (
    <div className="mx-auto max-w-4xl">
      <RequireSignIn>
        <BulkHome />
      </RequireSignIn>
    </div>
  );
}
