import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequireSignIn } from "@/components/auth/require-sign-in";
import { InviteFlow } from "@/components/invite/invite-flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invite");
  return { title: t("title") };
}

export default function InvitePage() {
  return (
    <div className="mx-auto max-w-3xl">
      <RequireSignIn>
        <InviteFlow />
      </RequireSignIn>
    </div>
  );
}
