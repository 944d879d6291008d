import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";

export default function PortalNotFound() {
  const t = useTranslations("notFound");
  return (
    <Card className="mx-auto max-w-lg" aria-labelledby="not-found-title">
      <CardBody className="space-y-3">
        <h1 id="not-found-title" className="text-lg font-semibold">
          {t("title")}
        </h1>
        <p className="text-sm text-slate-600">{t("body")}</p>
        <Link href="/" className={buttonClasses("primary")}>
          {t("home")}
        </Link>
      </CardBody>
    </Card>
  );
}
