"use client";

import { InteractionRequiredAuthError } from "@azure/msal-browser";
import { useMsal } from "@azure/msal-react";
import { useCallback } from "react";
import { usePortalConfig } from "./auth-provider";
import { markClaimsChallengeAnswered, pendingClaimsChallenge } from "./claims-challenge";
import { useSignedInAccount } from "./use-signed-in-account";

export type ApiTokenResult =
  | { ok: true; accessToken: string }
  /** `session_expired`: only an interactive sign-in helps. `unavailable`: the identity service failed; retry. */
  | { ok: false; reason: "session_expired" | "unavailable" };

/**
 * A token for the portal's own API, which the server actions validate and exchange on behalf of the
 * user for Graph. The Graph token itself never reaches the browser.
 */
export function useApiToken() {
  const { instance } = useMsal();
  const { apiScope } = usePortalConfig();
  const account = useSignedInAccount();

  const getToken = useCallback(async (): Promise<ApiTokenResult> => {
    if (!account) return { ok: false, reason: "session_expired" };
    try {
      const result = await instance.acquireTokenSilent({ scopes: [apiScope], account });
      return { ok: true, accessToken: result.accessToken };
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError)
        return { ok: false, reason: "session_expired" };
      return { ok: false, reason: "unavailable" };
    }
  }, [instance, apiScope, account]);

  /**
   * Navigates away: callers save whatever the person typed before calling this. After a Conditional
   * Access challenge the sign-in carries its claims, so Entra asks for what the policy needs (MFA…);
   * without them it would hand back the same token and the challenge would repeat forever.
   */
  const renewSession = useCallback(() => {
    const claims = pendingClaimsChallenge();
    if (claims) markClaimsChallengeAnswered();
    return instance.acquireTokenRedirect({
      scopes: [apiScope],
      ...(claims ? { claims } : {}),
      ...(account ? { account, loginHint: account.username } : {}),
      redirectStartPage: window.location.href,
    });
  }, [instance, apiScope, account]);

  return { getToken, renewSession };
}
