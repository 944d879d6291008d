import type { NewUser, UserRecord } from "./user-record";

const lower = (value: string) => value.toLowerCase();

/**
 * All users in memory, in insertion order, with the indexes the Graph routes need: by id, by UPN and
 * by e-mail address (mail and otherMails). 50,000 users fit easily and seed in well under a second.
 */
export class UserStore {
  private readonly ordered: UserRecord[] = [];
  private readonly byId = new Map<string, UserRecord>();
  private readonly byUserPrincipalName = new Map<string, UserRecord>();
  private readonly byAddress = new Map<string, Set<UserRecord>>();
  /** Soft-deleted users (Entra's deleted items), by id; they are in none of the indexes above. */
  private readonly deleted = new Map<string, UserRecord>();
  private nextSequence = 1;

  get size(): number {
    return this.ordered.length;
  }

  all(): readonly UserRecord[] {
    return this.ordered;
  }

  add(user: NewUser): UserRecord {
    if (this.byId.has(user.id)) throw new Error(`A user with id ${user.id} already exists`);
    // Callers hand over fresh objects: stamping in place keeps bulk seeding fast.
    const record: UserRecord = Object.assign(user, { sequence: this.nextSequence++ });
    this.ordered.push(record);
    this.byId.set(record.id, record);
    this.byUserPrincipalName.set(lower(record.userPrincipalName), record);
    this.indexAddresses(record);
    return record;
  }

  get(id: string): UserRecord | undefined {
    return this.byId.get(lower(id));
  }

  /** Graph addresses a user by id or by userPrincipalName. */
  getByIdOrUserPrincipalName(key: string): UserRecord | undefined {
    return this.byId.get(lower(key)) ?? this.byUserPrincipalName.get(lower(key));
  }

  hasUserPrincipalName(userPrincipalName: string): boolean {
    return this.byUserPrincipalName.has(lower(userPrincipalName));
  }

  /** Users whose mail or otherMails hold the address (case-insensitive). */
  findByAddress(address: string): UserRecord[] {
    return [...(this.byAddress.get(lower(address)) ?? [])];
  }

  /** Applies a change and keeps the indexes true. */
  update(record: UserRecord, change: Partial<Omit<UserRecord, "id" | "sequence">>): void {
    this.unindexAddresses(record);
    if (change.userPrincipalName !== undefined) {
      this.byUserPrincipalName.delete(lower(record.userPrincipalName));
    }
    Object.assign(record, change);
    this.byUserPrincipalName.set(lower(record.userPrincipalName), record);
    this.indexAddresses(record);
  }

  /** Moves a live user to deleted items (DELETE /users/{id}). */
  softDelete(record: UserRecord, deletedDateTime: string): void {
    const index = this.ordered.indexOf(record);
    if (index >= 0) this.ordered.splice(index, 1);
    this.byId.delete(record.id);
    this.byUserPrincipalName.delete(lower(record.userPrincipalName));
    this.unindexAddresses(record);
    record.deletedDateTime = deletedDateTime;
    this.deleted.set(record.id, record);
  }

  /** Soft-deleted users, oldest deletion first. */
  deletedUsers(): UserRecord[] {
    return [...this.deleted.values()];
  }

  getDeleted(id: string): UserRecord | undefined {
    return this.deleted.get(lower(id));
  }

  /** Back from deleted items as a live user (it pages after the users already there). */
  restore(record: UserRecord): UserRecord {
    this.deleted.delete(record.id);
    record.deletedDateTime = null;
    return this.add(record);
  }

  /** Gone for good: permanent deletion or the 30-day purge. */
  purge(record: UserRecord): void {
    this.deleted.delete(record.id);
  }

  /** Index of the first user whose sequence is greater than `sequence` (binary search). */
  indexAfterSequence(sequence: number): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.ordered[middle]?.sequence ?? Infinity) <= sequence) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private addressesOf(record: UserRecord): string[] {
    const addresses = new Set<string>(record.otherMails.map(lower));
    if (record.mail) addresses.add(lower(record.mail));
    return [...addresses];
  }

  private indexAddresses(record: UserRecord): void {
    for (const address of this.addressesOf(record)) {
      let holders = this.byAddress.get(address);
      if (!holders) {
        holders = new Set();
        this.byAddress.set(address, holders);
      }
      holders.add(record);
    }
  }

  private unindexAddresses(record: UserRecord): void {
    for (const address of this.addressesOf(record)) {
      const holders = this.byAddress.get(address);
      holders?.delete(record);
      if (holders?.size === 0) this.byAddress.delete(address);
    }
  }
}
