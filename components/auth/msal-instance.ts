import {
  BrowserCacheLocation,
  EventType,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type EventMessage,
} from "@azure/msal-browser";
import type { PublicAuthConfig } from "@/lib/config/public-auth-config";

export const REDIRECT_BRIDGE_PATH = "/redirect";

let cached: { key: string; instance: PublicClientApplication } | undefined;

function keepActiveAccount(instance: PublicClientApplication) {
  // Every token a call gets reports its account: setting the same one again would write the storage
  // and announce a change to every tab each time, so only a different account is set.
  let activeHomeAccountId: string | undefined;
  const makeActive = (account: AccountInfo) => {
    if (account.homeAccountId === activeHomeAccountId) return;
    activeHomeAccountId = account.homeAccountId;
    instance.setActiveAccount(account);
  };
  instance.addEventCallback((message: EventMessage) => {
    // v5: LOGIN_SUCCESS carries the AccountInfo itself; token events carry an AuthenticationResult.
    if (message.eventType === EventType.LOGIN_SUCCESS && message.payload) {
      makeActive(message.payload as AccountInfo);
    }
    if (message.eventType === EventType.ACQUIRE_TOKEN_SUCCESS && message.payload) {
      const { account } = message.payload as AuthenticationResult;
      if (account) makeActive(account);
    }
    // Signing out (here or in another tab) clears it: the next sign-in must set it again.
    if (message.eventType === EventType.LOGOUT_SUCCESS) activeHomeAccountId = undefined;
  });
}

function create(config: PublicAuthConfig, origin: string): PublicClientApplication {
  const instance = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      // Local tenant only: its endpoints are plain http, so MSAL is handed the discovery document.
      ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
      redirectUri: `${origin}${REDIRECT_BRIDGE_PATH}`,
      // MSAL v5 sends the identity provider's answer to a logout to the bridge too (docs/graph-behaviour.md#redirect-bridge).
      postLogoutRedirectUri: `${origin}${REDIRECT_BRIDGE_PATH}`,
    },
    // Per tab: tokens are not left behind in the browser after the tab closes.
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
  });
  keepActiveAccount(instance);
  return instance;
}

/**
 * One PublicClientApplication per page load (docs/graph-behaviour.md#one-client-application). It is built from run-time configuration,
 * so it cannot live in a module-level constant; the cache keyed by configuration gives the same effect.
 */
export function getMsalInstance(config: PublicAuthConfig): PublicClientApplication {
  if (typeof window === "undefined") return create(config, "http://localhost");
  const key = JSON.stringify(config);
  if (cached?.key !== key) cached = { key, instance: create(config, window.location.origin) };
  return cached.instance;
}

export function loginScopes(config: PublicAuthConfig): string[] {
  return ["openid", "profile", config.apiScope];
}
