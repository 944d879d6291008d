"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { buildResultsCsv } from "@/lib/bulk/results-csv";
import { getBulkJobResults } from "./actions";
import { useRowOutcome } from "./row-outcome";
import { useServerAction } from "@/components/server-action/use-server-action";

function resultsName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, "")}-results.csv`;
}

/** The original file's columns plus each row's outcome, built in the browser and saved as CSV. */
export function DownloadResultsButton({ jobId }: { jobId: string }) {
  const t = useTranslations("bulk.job");
  const { call } = useServerAction();
  const { label, reason, groups } = useRowOutcome();
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");

  async function download() {
    setState("busy");
    const result = await call(getBulkJobResults, { jobId });
    if (!result.ok) {
      setState("failed");
      return;
    }
    const csv = buildResultsCsv(
      result.data.headers,
      result.data.rows.map((row) => ({
        cells: row.cells,
        status: label(row),
        error: reason(row),
        requestId: row.requestId ?? "",
        userId: row.guestUserId ?? "",
        redeemUrl: row.redeemUrl ?? "",
        ...(row.groups ? { groups: groups(row) } : {}),
      })),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = resultsName(result.data.fileName);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setState("idle");
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant="secondary" disabled={state === "busy"} onClick={() => void download()}>
        {t("download")}
      </Button>
      <span role="status" className="text-sm text-red-800">
        {state === "failed" ? t("downloadFailed") : ""}
      </span>
    </span>
  );
}
