import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";

export default function Loading() {
  const t = useTranslations("common");
  return (
    <p
      role="status"
      className="flex items-center justify-center gap-2 py-16 text-sm text-slate-700"
    >
      <Spinner />
      {t("loading")}
    </p>
  );
}
