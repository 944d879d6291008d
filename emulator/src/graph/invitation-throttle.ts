/**
 * The invitation manager's limit: N requests per window per tenant, all apps together (docs/graph-behaviour.md#throttling).
 * A sliding window of accepted requests; refused requests do not count.
 */
export class InvitationThrottle {
  private accepted: number[] = [];

  /** Records a request; returns null when it may go on, otherwise the seconds until a slot frees up. */
  admit(
    limit: { requests: number; windowSeconds: number },
    now: number = Date.now(),
  ): number | null {
    const windowMs = limit.windowSeconds * 1000;
    this.accepted = this.accepted.filter((time) => now - time < windowMs);
    if (this.accepted.length < limit.requests) {
      this.accepted.push(now);
      return null;
    }
    const oldest = this.accepted[this.accepted.length - limit.requests] ?? now;
    // Graph sends fractional seconds at times ("2.128"); round up to milliseconds.
    return Math.max(0.001, Math.ceil(oldest + windowMs - now) / 1000);
  }

  reset(): void {
    this.accepted = [];
  }
}
