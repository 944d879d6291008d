"use client";

import { useTranslations } from "next-intl";
import { Field, inputClasses } from "@/components/ui/field";
import { useInviteField } from "./use-invite-field";

export function GuestFields() {
  const t = useTranslations("invite.fields");
  const tc = useTranslations("common");
  const { register, errors, errorMessage } = useInviteField();

  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field
          id="invite-email"
          label={t("email.label")}
          hint={t("email.hint")}
          error={errorMessage(errors.email?.message)}
        >
          {(control) => (
            <input
              {...control}
              {...register("email")}
              type="email"
              inputMode="email"
              autoComplete="off"
              spellCheck={false}
              aria-required="true"
              placeholder={t("email.placeholder")}
              className={inputClasses}
            />
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field
          id="invite-display-name"
          label={t("displayName.label")}
          optionalLabel={tc("optional")}
          hint={t("displayName.hint")}
          error={errorMessage(errors.displayName?.message)}
        >
          {(control) => (
            <input
              {...control}
              {...register("displayName")}
              type="text"
              autoComplete="off"
              className={inputClasses}
            />
          )}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field
          id="invite-redirect-url"
          label={t("redirectUrl.label")}
          hint={t("redirectUrl.hint")}
          error={errorMessage(errors.redirectUrl?.message)}
        >
          {(control) => (
            <input
              {...control}
              {...register("redirectUrl")}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              aria-required="true"
              className={inputClasses}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
