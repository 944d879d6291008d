import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { PendingInvitations } from "@/components/pending/pending-invitations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pending");
  return { title: t("title") };
}

export default function PendingPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <RequireSignIn>
        <PendingInvitations />
      </RequireSignIn>
    </div>
  );
}
