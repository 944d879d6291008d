import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";

// Unknown addresses land here, outside the portal's layout (and so outside MSAL).
export default function NotFound() {
  const t = useTranslations("notFound");
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <p className="text-brand-700 text-sm font-semibold">404</p>
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("body")}</p>
        <Link href="/" className={buttonClasses("primary")}>
          {t("home")}
        </Link>
      </div>
    </main>
  );
}
