"use client";

import { useTranslations } from "next-intl";
import { Suspense, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { usePortalConfig } from "@/components/auth/auth-provider";
import { useApiToken } from "@/components/auth/use-api-token";
import { schemaResolver } from "@/components/forms/schema-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { defaultInviteValues } from "@/lib/invitations/invite-defaults";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import type { SentInvitationResult } from "./actions";
import { applyServerFieldErrors } from "./apply-server-field-errors";
import { GuestFields } from "./fields/guest-fields";
import { MessageFields } from "./fields/message-fields";
import { SponsorPicker } from "./fields/sponsor-picker";
import { GroupPicker } from "@/components/groups/group-picker";
import { UserTypeField } from "./fields/user-type-field";
import { FormSection } from "./form-section";
import { clearInviteDraft, readInviteDraft, saveInviteDraft } from "./invite-draft";
import { InvitePreview } from "./invite-preview";
import { loadInviteSchema } from "./load-invite-schema";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useSendInvitation } from "./use-send-invitation";

export function InviteForm({
  onSent,
}: {
  onSent: (result: SentInvitationResult, values: InviteFormValues) => void;
}) {
  const t = useTranslations("invite");
  const tg = useTranslations("Groups");
  const { defaultRedirectUrl, localTenant } = usePortalConfig();
  const resolver = useMemo(
    () => schemaResolver<InviteFormValues>(() => loadInviteSchema({ localTenant })),
    [localTenant],
  );
  const preloadSchema = () => void loadInviteSchema({ localTenant });
  const { renewSession } = useApiToken();
  // Only mounted in the browser after sign-in (RequireSignIn), so sessionStorage is there to read.
  const [draft] = useState(() => readInviteDraft());
  const form = useForm<InviteFormValues>({
    resolver,
    defaultValues: draft?.values ?? defaultInviteValues(defaultRedirectUrl),
    mode: "onTouched",
  });
  const { send, sending, pendingAttempt } = useSendInvitation(draft?.attempt ?? null);
  const [sendError, setSendError] = useState<CallError | null>(null);
  const [restored, setRestored] = useState(draft !== null);
  const [showPreview, setShowPreview] = useState(false);
  const errorAlert = useRef<HTMLDivElement>(null);

  useEffect(() => {
    clearInviteDraft();
  }, []);

  useEffect(() => {
    if (sendError && !sendError.code.startsWith("validation")) errorAlert.current?.focus();
  }, [sendError]);

  const submit = form.handleSubmit(async (values) => {
    setSendError(null);
    setRestored(false);
    const outcome = await send(values);
    if (!outcome) return;
    if (outcome.ok) {
      onSent(outcome.result, values);
      return;
    }
    setSendError(outcome.error);
    if (outcome.fieldErrors) applyServerFieldErrors(form, outcome.fieldErrors);
  });

  async function signInAgain() {
    saveInviteDraft({ values: form.getValues(), attempt: pendingAttempt() });
    try {
      await renewSession();
    } catch {
      setSendError({ code: "token_unavailable" });
    }
  }

  async function togglePreview() {
    if (showPreview) {
      setShowPreview(false);
      return;
    }
    setShowPreview(true);
    const valid = await form.trigger(undefined, { shouldFocus: true });
    if (valid)
      requestAnimationFrame(() => document.getElementById("invite-preview-title")?.focus());
  }

  return (
    <FormProvider {...form}>
      <Card aria-labelledby="invite-title">
        <CardHeader level={1} titleId="invite-title" title={t("title")} description={t("intro")} />
        <CardBody>
          {/* The schema (zod) loads when the person first reaches into the form, not with the page. */}
          <form
            noValidate
            onSubmit={submit}
            onFocusCapture={preloadSchema}
            onPointerDownCapture={preloadSchema}
            aria-labelledby="invite-title"
            className="space-y-6"
          >
            {restored ? (
              <Alert tone="info" role="status" title={t("restoredTitle")}>
                <p>{t("restoredBody")}</p>
              </Alert>
            ) : null}

            <FormSection id="invite-section-guest" title={t("sections.guest")}>
              <GuestFields />
              <UserTypeField />
            </FormSection>

            <FormSection id="invite-section-email" title={t("sections.invitationEmail")}>
              <MessageFields />
            </FormSection>

            <FormSection
              id="invite-section-sponsors"
              title={t("sections.sponsors")}
              description={t("sections.sponsorsIntro")}
            >
              <SponsorPicker />
            </FormSection>

            <FormSection
              id="invite-section-groups"
              title={tg("section")}
              description={tg("sectionIntro")}
            >
              <GroupPicker />
            </FormSection>

            {sendError ? (
              <ActionErrorAlert
                ref={errorAlert}
                title={t("errorTitle")}
                explain={(error) =>
                  error.code === "session_expired"
                    ? t("sessionExpiredKeepsForm")
                    : error.code === "forbidden"
                      ? t("forbiddenToInvite")
                      : undefined
                }
                error={sendError}
                onSignInAgain={signInAgain}
              />
            ) : null}

            <div className="flex flex-col-reverse gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:justify-end">
              <Button
                variant="secondary"
                onClick={togglePreview}
                aria-expanded={showPreview}
                aria-controls="invite-preview"
              >
                {showPreview ? t("actions.hidePreview") : t("actions.preview")}
              </Button>
              <Button type="submit" disabled={sending} aria-disabled={sending}>
                {sending ? <Spinner /> : null}
                {sending ? t("actions.sending") : t("actions.send")}
              </Button>
            </div>
            <p role="status" aria-live="polite" className="sr-only">
              {sending ? t("actions.sending") : ""}
            </p>
          </form>
          <div id="invite-preview" className="mt-6" hidden={!showPreview}>
            {showPreview ? (
              <Suspense fallback={<Spinner className="mx-auto size-5 text-slate-500" />}>
                <InvitePreview />
              </Suspense>
            ) : null}
          </div>
        </CardBody>
      </Card>
    </FormProvider>
  );
}
