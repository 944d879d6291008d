import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { PageMessages } from "@/components/i18n/page-messages";
import { PendingInvitations } from "@/components/pending/pending-invitations";
import { StaleDigestPanel } from "@/components/stale-digest/stale-digest-panel";
import { PAGE_NAMESPACES } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pending");
  return { title: t("title") };
}

export default function PendingPage() {
  return (
    <div className="mx-auto max-w-6xl">
      <PageMessages namespaces={[...PAGE_NAMESPACES.pending, ...PAGE_NAMESPACES.staleDigest]}>
        <RequireSignIn>
          <div className="space-y-4">
            <StaleDigestPanel />
            <PendingInvitations />
          </div>
        </RequireSignIn>
      </PageMessages>
    </div>
  );
}
