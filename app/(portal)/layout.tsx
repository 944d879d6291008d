import { connection } from "next/server";
import type { ReactNode } from "react";
import { AuthProvider } from "@/components/auth/auth-provider";
import { AppShell } from "@/components/shell/app-shell";
import { getPublicConfig } from "@/lib/config/public-config";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  // The tenant is chosen at run time from the environment, never baked into the build.
  await connection();
  const config = getPublicConfig();
  return (
    <AuthProvider config={config}>
      <AppShell>{children}</AppShell>
    </AuthProvider>
  );
}
