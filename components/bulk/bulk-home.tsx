"use client";

import { useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { BulkUpload } from "./bulk-upload";
import { JobList } from "./job-list";

/** The bulk page: templates, the file to send, and earlier jobs. */
export function BulkHome() {
  const t = useTranslations("bulk");
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader level={1} title={t("title")} description={t("intro")} />
        <CardBody className="space-y-5">
          <div className="space-y-2 text-sm text-slate-700">
            <p>{t("templates.intro")}</p>
            <ul className="flex flex-wrap gap-x-6 gap-y-2">
              <li>
                <a
                  href="/templates/bulk-invite-simple.csv"
                  download
                  className="text-brand-800 font-medium underline"
                >
                  {t("templates.simple")}
                </a>
              </li>
              <li>
                <a
                  href="/templates/bulk-invite-admin-center.csv"
                  download
                  className="text-brand-800 font-medium underline"
                >
                  {t("templates.adminCenter")}
                </a>
              </li>
            </ul>
            <p>{t("templates.columns")}</p>
          </div>
          <BulkUpload />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("list.title")} />
        <CardBody>
          <JobList />
        </CardBody>
      </Card>
    </div>
  );
}
