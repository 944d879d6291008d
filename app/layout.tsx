import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ViewerTimeZone } from "@/components/i18n/viewer-time-zone";
import { SHARED_CLIENT_NAMESPACES, pickNamespaces } from "@/lib/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d47b0" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        {/* Each page adds its own namespaces (components/i18n/page-messages.tsx). */}
        <NextIntlClientProvider messages={pickNamespaces(messages, SHARED_CLIENT_NAMESPACES)}>
          <ViewerTimeZone>{children}</ViewerTimeZone>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
