"use client";

import { useTranslations } from "next-intl";
import { use } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { usePortalConfig } from "@/components/auth/auth-provider";
import { Alert } from "@/components/ui/alert";
import { buildInvitationRequest } from "@/lib/invitations/graph-request";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import { renderInvitationScript } from "@/lib/invitations/powershell";
import { membershipRequestPreview } from "@/lib/groups/membership-requests";
import { CodeBlock } from "./code-block";
import { loadInviteSchema } from "./load-invite-schema";

const GRAPH_ENDPOINT = "POST https://graph.microsoft.com/v1.0/invitations";

/** Like -WhatIf: exactly what Send will ask Graph for, kept in step with the form as it changes. */
export function InvitePreview() {
  const t = useTranslations("invite.preview");
  const { control } = useFormContext<InviteFormValues>();
  const values = useWatch({ control });
  // Suspends only until the schema has loaded; the form requests it when it mounts.
  const { localTenant } = usePortalConfig();
  const parsed = use(loadInviteSchema({ localTenant })).safeParse(values);

  return (
    <section
      aria-labelledby="invite-preview-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-slate-50 p-4 sm:p-5"
    >
      <div>
        <h2
          id="invite-preview-title"
          tabIndex={-1}
          className="text-base font-semibold text-slate-900 focus:outline-none"
        >
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      {parsed.success ? (
        <PreviewCode values={parsed.data} />
      ) : (
        <Alert tone="warning" title={t("invalidTitle")}>
          <p>{t("invalidBody")}</p>
        </Alert>
      )}
    </section>
  );
}

function PreviewCode({ values }: { values: InviteFormValues }) {
  const t = useTranslations("invite.preview");
  const tg = useTranslations("Groups.preview");
  const request = buildInvitationRequest(values);
  const body = JSON.stringify(request, null, 2);
  const groupIds = (values.groups ?? []).map((group) => group.id);
  return (
    <div className="space-y-5">
      <CodeBlock
        id="invite-preview-request"
        title={t("requestBody")}
        caption={GRAPH_ENDPOINT}
        code={body}
        copyLabel={t("copyRequestBody")}
      />
      {groupIds.length > 0 ? (
        <CodeBlock
          id="invite-preview-groups"
          title={tg("title")}
          caption={tg("caption")}
          code={groupIds.map(membershipRequestPreview).join("\n\n")}
          copyLabel={tg("copy")}
        />
      ) : null}
      <CodeBlock
        id="invite-preview-powershell"
        title={t("powershell")}
        caption={t("powershellHint")}
        code={renderInvitationScript(request, groupIds)}
        copyLabel={t("copyPowershell")}
      />
    </div>
  );
}
