"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ModalDialog } from "./modal-dialog";

/** Shows a redeem link with Copy, when copying automatically failed or after a reset. */
export function LinkDialog({
  title,
  description,
  redeemUrl,
  onClose,
}: {
  title: string;
  description: string;
  redeemUrl: string;
  onClose: () => void;
}) {
  const t = useTranslations("pending.linkDialog");
  const link = useRef<HTMLParagraphElement>(null);
  return (
    <ModalDialog
      titleId="link-dialog-title"
      describedById="link-dialog-description"
      onClose={onClose}
    >
      <div className="space-y-4 p-6">
        <h2 id="link-dialog-title" className="text-lg font-semibold">
          {title}
        </h2>
        <p id="link-dialog-description" className="text-sm text-slate-700">
          {description}
        </p>
        <div className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id="link-dialog-url" className="text-sm font-semibold">
              {t("redeemUrl")}
            </h3>
            <CopyButton text={redeemUrl} label={t("copy")} target={link} />
          </div>
          <p
            ref={link}
            aria-labelledby="link-dialog-url"
            data-testid="dialog-redeem-url"
            className="font-mono text-sm break-all"
          >
            {redeemUrl}
          </p>
        </div>
        <div className="flex justify-end">
          <Button onClick={onClose} autoFocus>
            {t("close")}
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}
