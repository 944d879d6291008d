"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { encodeFieldError } from "@/components/forms/field-error-codec";
import { schemaResolver } from "@/components/forms/schema-resolver";
import { useFieldErrorMessage } from "@/components/forms/use-field-error-message";
import type { CallError } from "@/components/server-action/call-error";
import { ActionErrorAlert } from "@/components/server-action/action-error-alert";
import { useServerAction } from "@/components/server-action/use-server-action";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, inputClasses } from "@/components/ui/field";
import { ListLoading } from "@/components/ui/list-state";
import { EXACT_TIME_FORMAT } from "@/lib/i18n/time-zone";
import {
  STALE_DIGEST_MAX_DAYS,
  STALE_DIGEST_MIN_DAYS,
  staleDigestPolicySchema,
  type StaleDigestPolicyInput,
} from "@/lib/stale-digest/policy-schema";
import { getStaleDigestPolicy, updateStaleDigestPolicy, type StaleDigestPolicy } from "./actions";

type LoadState =
  | { status: "loading" }
  | { status: "error"; error: CallError }
  | { status: "ready"; policy: StaleDigestPolicy };

/** The portal's settings: today the weekly stale-invitations policy. Administrators only. */
export function SettingsView() {
  const t = useTranslations("StaleDigest.settings");
  const { call, renewSession } = useServerAction();
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let active = true;
    void call(getStaleDigestPolicy, {}).then((outcome) => {
      if (!active) return;
      setState(
        outcome.ok
          ? { status: "ready", policy: outcome.data }
          : { status: "error", error: outcome.error },
      );
    });
    return () => {
      active = false;
    };
  }, [call, reloads]);

  return (
    <Card aria-labelledby="settings-title">
      <CardHeader level={1} titleId="settings-title" title={t("title")} description={t("intro")} />
      <CardBody>
        {state.status === "loading" ? (
          <ListLoading label={t("loading")} />
        ) : state.status === "error" ? (
          <ActionErrorAlert
            title={t("loadFailed")}
            error={state.error}
            explain={(shown) => (shown.code === "forbidden" ? t("forbidden") : undefined)}
            onSignInAgain={() => void renewSession()}
            onRetry={
              state.error.code === "forbidden" ? undefined : () => setReloads((value) => value + 1)
            }
          />
        ) : (
          <PolicyForm
            policy={state.policy}
            onSaved={(policy) => setState({ status: "ready", policy })}
          />
        )}
      </CardBody>
    </Card>
  );
}

function PolicyForm({
  policy,
  onSaved,
}: {
  policy: StaleDigestPolicy;
  onSaved: (policy: StaleDigestPolicy) => void;
}) {
  const t = useTranslations("StaleDigest.settings");
  const format = useFormatter();
  const errorMessage = useFieldErrorMessage();
  const { call, renewSession } = useServerAction();
  const resolver = useMemo(() => schemaResolver(staleDigestPolicySchema), []);
  const form = useForm<StaleDigestPolicyInput>({
    resolver,
    defaultValues: { enabled: policy.enabled, olderThanDays: policy.olderThanDays },
  });
  const [saveError, setSaveError] = useState<CallError | null>(null);
  // A flag, not the text: the message follows a language switch.
  const [saved, setSaved] = useState(false);
  const daysError = errorMessage(form.formState.errors.olderThanDays?.message);

  const submit = form.handleSubmit(async (values) => {
    setSaveError(null);
    setSaved(false);
    const outcome = await call(updateStaleDigestPolicy, values);
    if (outcome.ok) {
      form.reset({ enabled: outcome.data.enabled, olderThanDays: outcome.data.olderThanDays });
      setSaved(true);
      onSaved(outcome.data);
      return;
    }
    const first = outcome.fieldErrors?.olderThanDays?.[0];
    if (first) {
      form.setError("olderThanDays", { type: "server", message: encodeFieldError(first) });
      form.setFocus("olderThanDays");
      return;
    }
    setSaveError(outcome.error);
  });

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="max-w-2xl space-y-5">
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">{t("policyTitle")}</legend>
        <p className="text-sm text-slate-700">{t("policyDescription")}</p>
        <label className="flex items-start gap-3 text-sm font-medium text-slate-900">
          <input
            type="checkbox"
            className="accent-brand-700 mt-0.5 size-4"
            {...form.register("enabled")}
          />
          {t("enabled")}
        </label>
        <Field
          id="stale-digest-days"
          label={t("days")}
          hint={t("daysHint", { minimum: STALE_DIGEST_MIN_DAYS, maximum: STALE_DIGEST_MAX_DAYS })}
          error={daysError}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={STALE_DIGEST_MIN_DAYS}
              max={STALE_DIGEST_MAX_DAYS}
              step={1}
              className={`${inputClasses} max-w-48`}
              {...form.register("olderThanDays", { valueAsNumber: true })}
            />
          )}
        </Field>
        <p className="text-sm text-slate-600">{t("howComputed")}</p>
      </fieldset>

      <p className="text-sm text-slate-600">
        {policy.updatedAt && policy.updatedBy
          ? t("lastChanged", {
              name: policy.updatedBy,
              when: format.dateTime(new Date(policy.updatedAt), EXACT_TIME_FORMAT),
            })
          : t("neverChanged")}
      </p>
      {saveError ? (
        <ActionErrorAlert
          title={t("saveFailed")}
          error={saveError}
          explain={(shown) => (shown.code === "forbidden" ? t("forbidden") : undefined)}
          onSignInAgain={() => void renewSession()}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("saving") : t("save")}
        </Button>
        <p
          role="status"
          aria-live="polite"
          className="text-sm font-medium text-emerald-800 empty:hidden"
        >
          {saved ? t("saved") : ""}
        </p>
      </div>
    </form>
  );
}
