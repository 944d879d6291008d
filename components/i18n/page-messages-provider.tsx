"use client";

import { NextIntlClientProvider, useLocale, useMessages, type Messages } from "next-intl";
import { useMemo, type ReactNode } from "react";

/**
 * A nested provider replaces its parent's messages, so the shared ones are merged in here. No time
 * zone is given: the viewer's own, from ViewerTimeZone above, carries on.
 */
export function PageMessagesProvider({
  messages,
  children,
}: {
  messages: Partial<Messages>;
  children: ReactNode;
}) {
  const locale = useLocale();
  const shared = useMessages();
  const merged = useMemo(() => ({ ...shared, ...messages }), [shared, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged}>
      {children}
    </NextIntlClientProvider>
  );
}
