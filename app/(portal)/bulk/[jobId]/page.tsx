import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { BulkJob } from "@/components/bulk/bulk-job";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bulk");
  return { title: t("jobTitle") };
}

export default async function BulkJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  return (
    <div className="mx-auto max-w-4xl">
      <RequireSignIn>
        <BulkJob jobId={jobId} />
      </RequireSignIn>
    </div>
  );
}
