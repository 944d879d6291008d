"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A native modal dialog: showModal() makes the page behind it inert (focus stays inside), Escape
 * closes it, and focus returns to whatever opened it.
 */
export function ModalDialog({
  titleId,
  describedById,
  onClose,
  children,
}: {
  titleId: string;
  describedById?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    const handleClose = () => onCloseRef.current();
    element.addEventListener("close", handleClose);
    return () => {
      element.removeEventListener("close", handleClose);
      if (element.open) element.close();
      // The list may have re-rendered under the dialog: fall back to the element with the same id.
      const target = opener?.isConnected
        ? opener
        : opener?.id
          ? document.getElementById(opener.id)
          : null;
      target?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={describedById}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      {children}
    </dialog>
  );
}
