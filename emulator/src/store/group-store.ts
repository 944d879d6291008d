/** A group as the local tenant keeps it: Graph's properties plus its owners and direct members. */
export type GroupRecord = {
  sequence: number;
  id: string;
  displayName: string;
  description: string | null;
  mail: string | null;
  mailEnabled: boolean;
  mailNickname: string;
  securityEnabled: boolean;
  /** `["Unified"]` for a Microsoft 365 group, `"DynamicMembership"` when a rule decides membership. */
  groupTypes: string[];
  membershipRule: string | null;
  membershipRuleProcessingState: "On" | "Paused" | null;
  isAssignableToRole: boolean;
  visibility: "Public" | "Private" | null;
  createdDateTime: string;
  ownerIds: string[];
  memberIds: Set<string>;
};

export type NewGroup = Omit<GroupRecord, "sequence" | "memberIds" | "ownerIds"> & {
  ownerIds?: string[];
  memberIds?: string[];
};

export const isDynamicGroup = (group: GroupRecord) =>
  group.groupTypes.some((type) => type.toLowerCase() === "dynamicmembership");

/** The tenant's groups by id (lower-case), in creation order. */
export class GroupStore {
  private readonly byId = new Map<string, GroupRecord>();
  private nextSequence = 1;

  add(group: NewGroup): GroupRecord {
    const record: GroupRecord = {
      ...group,
      sequence: this.nextSequence++,
      ownerIds: [...(group.ownerIds ?? [])],
      memberIds: new Set(group.memberIds ?? []),
    };
    this.byId.set(record.id.toLowerCase(), record);
    return record;
  }

  get(id: string): GroupRecord | undefined {
    return this.byId.get(id.toLowerCase());
  }

  all(): GroupRecord[] {
    return [...this.byId.values()];
  }

  ownedBy(userId: string): GroupRecord[] {
    const id = userId.toLowerCase();
    return this.all().filter((group) => group.ownerIds.some((owner) => owner.toLowerCase() === id));
  }

  /** Groups `userId` is a direct member of. */
  memberOf(userId: string): GroupRecord[] {
    return this.all().filter((group) => group.memberIds.has(userId));
  }
}
