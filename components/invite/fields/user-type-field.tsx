"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { FieldErrorText } from "@/components/ui/field";
import { USER_TYPES } from "@/lib/invitations/invite-fields";
import { useInviteField } from "./use-invite-field";

export function UserTypeField() {
  const t = useTranslations("invite.fields.userType");
  const { register, control, errors, errorMessage } = useInviteField();
  const userType = useWatch({ control, name: "userType" });
  const error = errorMessage(errors.userType?.message);

  return (
    <fieldset aria-describedby={error ? "invite-user-type-error" : undefined}>
      <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {USER_TYPES.map((type) => (
          <label
            key={type}
            className={`has-[:focus-visible]:outline-brand-600 flex cursor-pointer gap-3 rounded-lg border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 ${
              userType === type
                ? "border-brand-600 bg-brand-50"
                : "border-slate-300 bg-white hover:bg-slate-50"
            }`}
          >
            <input
              {...register("userType")}
              type="radio"
              value={type}
              aria-describedby={`invite-user-type-${type}-hint`}
              className="accent-brand-700 mt-0.5 size-4 focus:outline-none"
            />
            <span>
              <span className="block font-medium text-slate-900">
                {t(type === "Guest" ? "guest" : "member")}
              </span>
              <span id={`invite-user-type-${type}-hint`} className="mt-0.5 block text-slate-600">
                {t(type === "Guest" ? "guestHint" : "memberHint")}
              </span>
            </span>
          </label>
        ))}
      </div>
      <FieldErrorText id="invite-user-type-error">{error}</FieldErrorText>
    </fieldset>
  );
}
