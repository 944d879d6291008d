/**
 * Addresses that PATCH /users/{id} added to `mail` or `otherMails`, and when the rest of the directory
 * knows them: a reset redemption to such an address fails until then [seen] (docs/graph-behaviour.md#replication-delay).
 */
export class AddressReplication {
  /** user id → lower-cased address → epoch ms from which it matches. */
  private pending = new Map<string, Map<string, number>>();

  record(userId: string, addresses: readonly string[], visibleFromEpochMs: number): void {
    if (addresses.length === 0) return;
    const forUser = this.pending.get(userId) ?? new Map<string, number>();
    for (const address of addresses) forUser.set(address.toLowerCase(), visibleFromEpochMs);
    this.pending.set(userId, forUser);
  }

  /** Addresses never recorded are visible: only PATCH-added ones wait. */
  isVisible(userId: string, address: string, now: number = Date.now()): boolean {
    const visibleFrom = this.pending.get(userId)?.get(address.toLowerCase());
    return visibleFrom === undefined || visibleFrom <= now;
  }

  /** How many addresses are still waiting. */
  pendingCount(now: number = Date.now()): number {
    let count = 0;
    for (const forUser of this.pending.values())
      for (const visibleFrom of forUser.values()) if (visibleFrom > now) count++;
    return count;
  }

  /** Ends every pending replication now, so tests need not wait out a delay. Returns how many ended. */
  settle(): number {
    const settled = this.pendingCount();
    this.pending.clear();
    return settled;
  }

  clear(): void {
    this.pending.clear();
  }
}
