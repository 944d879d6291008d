import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pickNamespaces, type Namespace } from "@/lib/i18n/client-messages";
import { PageMessagesProvider } from "./page-messages-provider";

/** Adds the page's own namespaces to the shared ones the root layout sends to the browser. */
export async function PageMessages({
  namespaces,
  children,
}: {
  namespaces: readonly Namespace[];
  children: ReactNode;
}) {
  const messages = pickNamespaces(await getMessages(), namespaces);
  return <PageMessagesProvider messages={messages}>{children}</PageMessagesProvider>;
}
