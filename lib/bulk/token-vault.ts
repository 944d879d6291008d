import { decodeJwt } from "jose";
import type { Caller } from "@/lib/auth/caller";

/** A token with less life left than this is not used for a new on-behalf-of exchange. */
const MIN_REMAINING_MS = 60_000;

type Entry = { caller: Caller; expiresAt: number };

/**
 * The portal-API tokens the bulk worker acts with, one per person, in this process's memory only:
 * never in the database. Each progress poll from the person's browser brings a fresh one. A token the
 * identity platform refused (session revoked) is remembered so that the same token cannot resume a
 * job; only a new one can.
 */
export class TokenVault {
  private readonly entries = new Map<string, Entry>();
  private readonly refused = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the caller's token if it is newer; false when it is one the platform already refused. */
  put(caller: Caller): boolean {
    if (this.refused.has(caller.rawToken)) return false;
    const exp = decodeJwt(caller.rawToken).exp;
    const expiresAt = typeof exp === "number" ? exp * 1000 : this.now();
    const current = this.entries.get(caller.oid);
    if (!current || current.expiresAt <= expiresAt)
      this.entries.set(caller.oid, { caller, expiresAt });
    return true;
  }

  /** A caller whose token is still good for an exchange, if this process has one. */
  get(oid: string): Caller | undefined {
    const entry = this.entries.get(oid);
    if (!entry) return undefined;
    if (entry.expiresAt - this.now() < MIN_REMAINING_MS) {
      this.entries.delete(oid);
      return undefined;
    }
    return entry.caller;
  }

  /** The platform refused this token for on-behalf-of: forget it, and never take it again. */
  refuse(caller: Caller): void {
    this.refused.add(caller.rawToken);
    if (this.entries.get(caller.oid)?.caller.rawToken === caller.rawToken)
      this.entries.delete(caller.oid);
  }
}
