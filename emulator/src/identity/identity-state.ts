import { randomBytes } from "node:crypto";
import type { Authentication } from "./authentication";
import type { ClaimsRequest } from "./claims-request";

export type AuthorizationCode = {
  userId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  nonce: string | null;
  expiresAt: number;
  redeemed: boolean;
  issuedAt: number;
  authentication: Authentication;
};

export type RefreshGrant = {
  userId: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  /** A renewal keeps the original sign-in's authentication, never more (MFA is not added later). */
  authentication: Authentication;
};

export type SignInSession = { userId: string; createdAt: number; authentication: Authentication };

/** What the sign-in page must remember between showing the people and the chosen person's POST. */
export type PendingAuthorization = {
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  scope: string;
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  /** The client sent client_info=1: the answer carries `client_info`. */
  clientInfo: boolean;
  /** The `claims` request parameter (a step-up after a claims challenge), if any. */
  claims: ClaimsRequest | null;
  expiresAt: number;
};

export type ResponseMode = "query" | "fragment" | "form_post";

const opaque = (bytes: number) => randomBytes(bytes).toString("base64url");
const PENDING_LIFETIME_MS = 30 * 60 * 1000;

/** Codes, refresh tokens, sign-in sessions and pending sign-ins; all in memory, all lost on reset. */
export class IdentityState {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly sessions = new Map<string, SignInSession>();
  private readonly pending = new Map<string, PendingAuthorization>();

  issueCode(code: Omit<AuthorizationCode, "redeemed" | "issuedAt">): string {
    const value = `1.${opaque(48)}`;
    this.codes.set(value, { ...code, redeemed: false, issuedAt: Date.now() });
    return value;
  }

  findCode(value: string): AuthorizationCode | undefined {
    return this.codes.get(value);
  }

  issueRefreshToken(grant: Omit<RefreshGrant, "issuedAt">): string {
    const value = `1.${opaque(64)}`;
    this.refreshGrants.set(value, { ...grant, issuedAt: Date.now() });
    return value;
  }

  findRefreshGrant(value: string): RefreshGrant | undefined {
    return this.refreshGrants.get(value);
  }

  startSession(userId: string, authentication: Authentication): string {
    const id = opaque(32);
    this.sessions.set(id, { userId, createdAt: Date.now(), authentication });
    return id;
  }

  findSession(id: string | undefined): SignInSession | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  endSession(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  rememberPending(request: Omit<PendingAuthorization, "expiresAt">): string {
    this.dropExpiredPending();
    const id = opaque(24);
    this.pending.set(id, { ...request, expiresAt: Date.now() + PENDING_LIFETIME_MS });
    return id;
  }

  takePending(id: string): PendingAuthorization | undefined {
    const request = this.pending.get(id);
    if (!request || request.expiresAt < Date.now()) return undefined;
    this.pending.delete(id);
    return request;
  }

  private dropExpiredPending(): void {
    const now = Date.now();
    for (const [id, request] of this.pending) if (request.expiresAt < now) this.pending.delete(id);
  }
}
