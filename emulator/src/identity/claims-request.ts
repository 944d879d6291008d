import { oauthErrors } from "./oauth-error";

/**
 * What a `claims` request parameter asks for, as msal sends it after a claims challenge
 * (`acquireTokenRedirect({ claims })`): a step-up (capolids, acrs, amr…) and the authentication
 * contexts named by `acrs`. msal always sends optional ID token claims (signin_state, login_hint…)
 * and client capabilities (`xms_cc`): those are no step-up.
 */
export type ClaimsRequest = { stepUp: boolean; contexts: string[] };

const STEP_UP_CLAIMS = new Set(["capolids", "polids", "acrs", "acr", "amr"]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function acrsValues(request: unknown): string[] {
  if (!isRecord(request)) return [];
  const values = Array.isArray(request.values) ? request.values : [request.value];
  return values.filter((value): value is string => typeof value === "string");
}

export function parseClaimsRequest(text: string | undefined): ClaimsRequest | null {
  if (text === undefined || text.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw oauthErrors.invalidRequest("The claims parameter is not valid JSON.");
  }
  if (!isRecord(parsed))
    throw oauthErrors.invalidRequest("The claims parameter must be an object.");
  let stepUp = false;
  const contexts: string[] = [];
  for (const member of ["access_token", "id_token"]) {
    const claims = parsed[member];
    if (!isRecord(claims)) continue;
    for (const [name, request] of Object.entries(claims)) {
      if (!STEP_UP_CLAIMS.has(name)) continue;
      stepUp = true;
      if (name === "acrs") contexts.push(...acrsValues(request));
    }
  }
  return { stepUp, contexts: [...new Set(contexts)] };
}
