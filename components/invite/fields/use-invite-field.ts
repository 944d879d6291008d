import { useFormContext } from "react-hook-form";
import { useFieldErrorMessage } from "@/components/forms/use-field-error-message";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";

/** What every field of the invite form needs: the form's methods, its errors, and their wording. */
export function useInviteField() {
  const form = useFormContext<InviteFormValues>();
  return {
    register: form.register,
    control: form.control,
    errors: form.formState.errors,
    errorMessage: useFieldErrorMessage(),
  };
}
