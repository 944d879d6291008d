"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { Field, inputClasses } from "@/components/ui/field";
import { CUSTOM_MESSAGE_MAX_LENGTH } from "@/lib/invitations/invite-fields";
import { useInviteField } from "./use-invite-field";
import { LanguagePicker } from "./language-picker";

export function MessageFields() {
  const t = useTranslations("invite.fields");
  const tc = useTranslations("common");
  const { register, control, errors, errorMessage } = useInviteField();
  const sending = useWatch({ control, name: "sendInvitationMessage" });

  return (
    <fieldset className="space-y-5">
      <legend className="sr-only">{t("sendInvitationMessage.legend")}</legend>
      <label className="flex cursor-pointer items-start gap-3">
        {/* The real checkbox lies transparent over the drawn track, so pointer, keyboard and tests all reach it. */}
        <span className="relative mt-0.5 inline-flex h-6 w-11 shrink-0">
          <input
            {...register("sendInvitationMessage")}
            type="checkbox"
            role="switch"
            aria-describedby="invite-send-message-hint"
            className="peer absolute inset-0 z-10 m-0 size-full cursor-pointer opacity-0"
          />
          <span
            aria-hidden="true"
            className="peer-checked:bg-brand-700 peer-focus-visible:outline-brand-600 absolute inset-0 rounded-full bg-slate-300 transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 after:absolute after:top-0.5 after:left-0.5 after:size-5 after:rounded-full after:bg-white after:shadow after:transition-transform peer-checked:after:translate-x-5"
          />
        </span>
        <span className="text-sm">
          <span className="block font-medium text-slate-900">
            {t("sendInvitationMessage.label")}
          </span>
          <span id="invite-send-message-hint" className="mt-0.5 block text-slate-600">
            {t("sendInvitationMessage.hint")}
          </span>
        </span>
      </label>

      {sending ? (
        <div className="space-y-5 border-l-2 border-slate-200 pl-4 sm:pl-5">
          <LanguagePicker />
          <CustomMessageField />
          <Field
            id="invite-cc-recipient"
            label={t("ccRecipient.label")}
            optionalLabel={tc("optional")}
            hint={t("ccRecipient.hint")}
            error={errorMessage(errors.ccRecipient?.message)}
          >
            {(controlProps) => (
              <input
                {...controlProps}
                {...register("ccRecipient")}
                type="email"
                inputMode="email"
                autoComplete="off"
                spellCheck={false}
                className={inputClasses}
              />
            )}
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}

function CustomMessageField() {
  const t = useTranslations("invite.fields.customMessage");
  const tc = useTranslations("common");
  const { register, control, errors, errorMessage } = useInviteField();
  const length = (useWatch({ control, name: "customMessage" }) ?? "").length;
  const over = length > CUSTOM_MESSAGE_MAX_LENGTH;
  const nearLimit = CUSTOM_MESSAGE_MAX_LENGTH - length <= 100;

  return (
    <Field
      id="invite-custom-message"
      label={t("label")}
      optionalLabel={tc("optional")}
      hint={
        <>
          {t("hint")}{" "}
          <span
            id="invite-custom-message-count"
            className={over ? "font-medium text-red-700" : "text-slate-600"}
          >
            {t("count", { count: length, maximum: CUSTOM_MESSAGE_MAX_LENGTH })}
          </span>
        </>
      }
      error={errorMessage(errors.customMessage?.message)}
    >
      {(controlProps) => (
        <>
          <textarea
            {...controlProps}
            {...register("customMessage")}
            rows={5}
            className={`${inputClasses} resize-y`}
          />
          {/* Announce the count only near the limit; on every keystroke it would drown the typing. */}
          <span role="status" aria-live="polite" className="sr-only">
            {nearLimit ? t("remaining", { count: CUSTOM_MESSAGE_MAX_LENGTH - length }) : ""}
          </span>
        </>
      )}
    </Field>
  );
}
