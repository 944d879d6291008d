import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { PageMessages } from "@/components/i18n/page-messages";
import { LazyInviteFlow } from "@/components/invite/lazy-invite-flow";
import { PAGE_NAMESPACES } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invite");
  return { title: t("title") };
}

export default function InvitePage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageMessages namespaces={PAGE_NAMESPACES.invite}>
        <RequireSignIn>
          <LazyInviteFlow />
        </RequireSignIn>
      </PageMessages>
    </div>
  );
}
