import { RedirectBridge } from "@/components/auth/redirect-bridge";

// MSAL v5's redirect target: outside MsalProvider (route group), uncached (next.config.js headers).
export default function RedirectPage() {
  return <RedirectBridge />;
}
