// The pacer's shape, below both the in-process pacer (lib/graph) and the shared one (lib/limits).

/** Single invitations (a person waits) go first; bulk rows leave them a reserved share. */
export type InvitationLane = "single" | "bulk";

/** Grants invitation requests within the tenant's limit; in process, or shared through PostgreSQL. */
export interface InvitationPacer {
  acquire(lane?: InvitationLane): Promise<void>;
  /** Nobody is granted a request for this long (the service's Retry-After). */
  backOff(seconds: number): Promise<void>;
}

export type RateLimiterOptions = {
  requests: number;
  windowMs: number;
  /** Requests per window that the bulk lane may not take. */
  reserveForSingle?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};
