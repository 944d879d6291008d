/**
 * A Conditional Access claims challenge between the action that met it and the sign-in that answers
 * it, kept in sessionStorage because that sign-in leaves the page (redirect). Nothing here is secret:
 * the claims name a policy, not a person (docs/graph-behaviour.md).
 */
const PENDING_CLAIMS = "portal.claimsChallenge.pending";
const ANSWERED = "portal.claimsChallenge.answered";

function storage(): Storage | undefined {
  return typeof window === "undefined" ? undefined : window.sessionStorage;
}

/** The challenge an action just answered with; the next "Sign in again" sends these claims. */
export function rememberClaimsChallenge(claims: string): void {
  storage()?.setItem(PENDING_CLAIMS, claims);
}

export function pendingClaimsChallenge(): string | undefined {
  return storage()?.getItem(PENDING_CLAIMS) ?? undefined;
}

/** Called just before the sign-in with claims: a challenge after it means signing in cannot satisfy the policy. */
export function markClaimsChallengeAnswered(): void {
  storage()?.removeItem(PENDING_CLAIMS);
  storage()?.setItem(ANSWERED, "1");
}

export function claimsChallengeJustAnswered(): boolean {
  return storage()?.getItem(ANSWERED) === "1";
}

/** An action succeeded: the step-up worked, and a later challenge (a new policy) deserves a sign-in again. */
export function forgetClaimsChallenge(): void {
  storage()?.removeItem(PENDING_CLAIMS);
  storage()?.removeItem(ANSWERED);
}
