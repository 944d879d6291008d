"use client";

import { MsalProvider } from "@azure/msal-react";
import { createContext, use, type ReactNode } from "react";
import type { PublicAuthConfig } from "@/lib/config/public-auth-config";
import { getMsalInstance } from "./msal-instance";
import { SignedInAccountProvider } from "./use-signed-in-account";

const PortalConfigContext = createContext<PublicAuthConfig | null>(null);

export function AuthProvider({
  config,
  children,
}: {
  config: PublicAuthConfig;
  children: ReactNode;
}) {
  const instance = getMsalInstance(config);
  return (
    <PortalConfigContext value={config}>
      <MsalProvider instance={instance}>
        <SignedInAccountProvider>{children}</SignedInAccountProvider>
      </MsalProvider>
    </PortalConfigContext>
  );
}

export function usePortalConfig(): PublicAuthConfig {
  const config = use(PortalConfigContext);
  if (!config) throw new Error("usePortalConfig must be used inside AuthProvider");
  return config;
}
