import { PEOPLE, TENANT_DOMAIN } from "../constants";
import type { GroupStore, NewGroup } from "./group-store";
import { invitedUser, peopleAsUsers } from "./new-user";
import type { ExternalUserState } from "./user-record";
import type { UserStore } from "./user-store";

/** `stale`: the minimal seed plus pending guests invited 45, 75 and 120 days ago (its own seed so tests that count the minimal seed's users keep their counts). */
export type SeedName = "demo" | "minimal" | "stale" | "empty";
export const SEED_NAMES: readonly SeedName[] = ["demo", "minimal", "stale", "empty"];

const DAY_MS = 24 * 60 * 60 * 1000;

type DemoGuest = [
  displayName: string,
  email: string,
  ageDays: number,
  acceptedAfterDays: number | null,
  sponsor: keyof typeof PEOPLE,
];

// Partner guests for the demo: pending for various ages, some accepted (ages relative to seeding time).
const DEMO_GUESTS: DemoGuest[] = [
  ["Alex Wilber", "alex.wilber@fabrikam.com", 2, null, "adele"],
  ["Diego Siciliani", "diego.siciliani@fabrikam.com", 9, 1, "adele"],
  ["Grady Archie", "grady.archie@fabrikam.com", 31, null, "isaiah"],
  ["Henrietta Mueller", "henrietta.mueller@fabrikam.com", 64, 3, "adele"],
  ["Irvin Sayers", "irvin.sayers@fabrikam.com", 120, null, "megan"],
  ["Johanna Lorenz", "johanna.lorenz@fabrikam.com", 5, null, "isaiah"],
  ["Joni Sherman", "joni.sherman@northwind.example", 1, null, "adele"],
  ["Lidia Holloway", "lidia.holloway@northwind.example", 14, 2, "adele"],
  ["Lynne Robbins", "lynne.robbins@northwind.example", 45, null, "isaiah"],
  ["Miriam Graham", "miriam.graham@northwind.example", 88, 10, "megan"],
  ["Nestor Kowalski", "nestor.kowalski@northwind.example", 3, null, "adele"],
  ["Patti Fernandez", "patti.fernandez@northwind.example", 200, null, "isaiah"],
  ["Christie Cline", "christie.cline@litware.example", 7, null, "adele"],
  ["Enrico Cattaneo", "enrico.cattaneo@litware.example", 21, 5, "isaiah"],
  ["Allan Deyoung", "allan.deyoung@litware.example", 33, null, "adele"],
  ["Debra Berger", "debra.berger@litware.example", 60, 1, "megan"],
  ["Emily Braun", "emily.braun@litware.example", 95, null, "adele"],
  ["Ben Walters", "ben.walters@adatum.example", 0, null, "isaiah"],
  ["Cameron White", "cameron.white@adatum.example", 12, null, "adele"],
  ["Jordan Miller", "jordan.miller@adatum.example", 28, 4, "adele"],
  ["Kat Larsson", "kat.larsson@adatum.example", 150, 30, "megan"],
  ["Mona Kane", "mona.kane@adatum.example", 18, null, "isaiah"],
  ["Raul Razo", "raul.razo@tailspin.example", 4, null, "adele"],
  ["Sara Davis", "sara.davis@tailspin.example", 40, null, "adele"],
  ["Tim Deboer", "tim.deboer@tailspin.example", 70, 7, "isaiah"],
  ["Vince Martinez", "vince.martinez@tailspin.example", 11, 0, "adele"],
  ["Wanda Howard", "wanda.howard@wingtip.example", 6, null, "megan"],
  ["Yolanda Reyes", "yolanda.reyes@wingtip.example", 25, null, "adele"],
  ["Zrinka Makovac", "zrinka.makovac@wingtip.example", 52, 2, "isaiah"],
  ["Amber Rodriguez", "amber.rodriguez@wingtip.example", 365, null, "adele"],
  ["Brian Johnson", "brian.johnson@gmail.example", 8, null, "adele"],
  ["Carlos Slattery", "carlos.slattery@outlook.example", 16, 1, "isaiah"],
  ["Gerhart Moller", "gerhart.moller@fabrikam.com", 10, null, "adele"],
  ["Lena Parker", "lena.parker@northwind.example", 75, null, "adele"],
];

/** Guests used by the minimal seed: one pending and one accepted, enough for a reset-redemption test. */
export const MINIMAL_GUESTS = {
  pending: {
    id: "c0ffee00-0000-4000-8000-000000000001",
    email: "pending.guest@fabrikam.com",
    displayName: "Pending Guest",
  },
  accepted: {
    id: "c0ffee00-0000-4000-8000-000000000002",
    email: "accepted.guest@northwind.example",
    displayName: "Accepted Guest",
  },
} as const;

type SeedGroup = Pick<NewGroup, "id" | "displayName" | "description"> & {
  ownerIds: readonly string[];
  kind: "microsoft365" | "security" | "dynamic";
  nickname: string;
};

/**
 * Groups of both seeds (fixed ids, for tests): Adele owns two Microsoft 365 groups, a security group
 * and a dynamic-membership group; the others belong to other people (docs: emulator/README.md, "Groups").
 */
export const SEED_GROUPS = {
  partnerProjects: {
    id: "9a0b1c2d-0001-4a5b-8c6d-7e8f9a0b1c01",
    displayName: "Marketing Partner Projects",
    description: "Shared workspace with agencies and partners",
    kind: "microsoft365",
    nickname: "marketing-partner-projects",
    ownerIds: [PEOPLE.adele.id],
  },
  campaignReview: {
    id: "9a0b1c2d-0002-4a5b-8c6d-7e8f9a0b1c02",
    displayName: "Campaign Review",
    description: "Reviews of campaign material before launch",
    kind: "microsoft365",
    nickname: "campaign-review",
    ownerIds: [PEOPLE.adele.id],
  },
  assetLibrary: {
    id: "9a0b1c2d-0003-4a5b-8c6d-7e8f9a0b1c03",
    displayName: "Marketing Asset Library Readers",
    description: "Read access to the brand asset library",
    kind: "security",
    nickname: "marketing-asset-readers",
    ownerIds: [PEOPLE.adele.id],
  },
  allMarketing: {
    id: "9a0b1c2d-0004-4a5b-8c6d-7e8f9a0b1c04",
    displayName: "All Marketing",
    description: "Everyone in the Marketing department",
    kind: "dynamic",
    nickname: "all-marketing",
    ownerIds: [PEOPLE.adele.id],
  },
  salesPartners: {
    id: "9a0b1c2d-0005-4a5b-8c6d-7e8f9a0b1c05",
    displayName: "Sales Partner Portal",
    description: "Partners of the sales team",
    kind: "microsoft365",
    nickname: "sales-partner-portal",
    ownerIds: [PEOPLE.isaiah.id],
  },
  financeReports: {
    id: "9a0b1c2d-0006-4a5b-8c6d-7e8f9a0b1c06",
    displayName: "Finance Reports",
    description: "Monthly finance reporting",
    kind: "security",
    nickname: "finance-reports",
    ownerIds: [PEOPLE.pradeep.id],
  },
} as const satisfies Record<string, SeedGroup>;

function groupOf(seed: SeedGroup, now: number): NewGroup {
  const unified = seed.kind === "microsoft365";
  return {
    id: seed.id,
    displayName: seed.displayName,
    description: seed.description,
    mail: unified ? `${seed.nickname}@${TENANT_DOMAIN}` : null,
    mailEnabled: unified,
    mailNickname: seed.nickname,
    securityEnabled: !unified,
    groupTypes: unified ? ["Unified"] : seed.kind === "dynamic" ? ["DynamicMembership"] : [],
    membershipRule: seed.kind === "dynamic" ? '(user.department -eq "Marketing")' : null,
    membershipRuleProcessingState: seed.kind === "dynamic" ? "On" : null,
    isAssignableToRole: false,
    visibility: unified ? "Private" : null,
    createdDateTime: new Date(now - 400 * DAY_MS).toISOString(),
    ownerIds: [...seed.ownerIds],
    // Owners of Microsoft 365 groups are members too; the dynamic group holds whom its rule matches.
    memberIds:
      seed.kind === "dynamic"
        ? Object.values(PEOPLE)
            .filter((person) => person.department === "Marketing")
            .map((person) => person.id)
        : unified
          ? [...seed.ownerIds]
          : [],
  };
}

export function seedGroups(groups: GroupStore, seed: SeedName, now: number = Date.now()): void {
  if (seed === "empty") return;
  for (const group of Object.values(SEED_GROUPS)) groups.add(groupOf(group, now));
}

/** Pending guests of the minimal seed invited long ago, for the stale-invitation clean-up: [id, e-mail, name, days ago]. */
export const MINIMAL_STALE_GUESTS = [
  ["c0ffee00-0000-4000-8000-000000000045", "stale45.guest@litware.example", "Stale Guest 45", 45],
  ["c0ffee00-0000-4000-8000-000000000075", "stale75.guest@litware.example", "Stale Guest 75", 75],
  [
    "c0ffee00-0000-4000-8000-000000000120",
    "stale120.guest@tailspin.example",
    "Stale Guest 120",
    120,
  ],
] as const;

export function seedTenant(store: UserStore, seed: SeedName, now: number = Date.now()): void {
  if (seed === "empty") return;
  for (const user of peopleAsUsers()) store.add(user);
  if (seed === "minimal" || seed === "stale") {
    const created = new Date(now - 10 * DAY_MS).toISOString();
    store.add(
      invitedUser({
        ...MINIMAL_GUESTS.pending,
        createdDateTime: created,
        sponsorIds: [PEOPLE.adele.id],
      }),
    );
    store.add(
      invitedUser({
        ...MINIMAL_GUESTS.accepted,
        createdDateTime: created,
        externalUserState: "Accepted",
        externalUserStateChangeDateTime: new Date(now - 9 * DAY_MS).toISOString(),
        sponsorIds: [PEOPLE.adele.id],
      }),
    );
    if (seed === "stale")
      for (const [id, email, displayName, ageDays] of MINIMAL_STALE_GUESTS) {
        const invited = new Date(now - ageDays * DAY_MS).toISOString();
        store.add(
          invitedUser({
            id,
            email,
            displayName,
            createdDateTime: invited,
            externalUserStateChangeDateTime: invited,
            sponsorIds: [PEOPLE.isaiah.id],
          }),
        );
      }
    return;
  }
  const sorted = [...DEMO_GUESTS].sort((a, b) => b[2] - a[2]);
  for (const [displayName, email, ageDays, acceptedAfterDays, sponsor] of sorted) {
    const created = now - ageDays * DAY_MS - 3_600_000 * ((ageDays * 7) % 11);
    const accepted = acceptedAfterDays !== null;
    store.add(
      invitedUser({
        email,
        displayName,
        createdDateTime: new Date(created).toISOString(),
        externalUserState: accepted ? "Accepted" : "PendingAcceptance",
        externalUserStateChangeDateTime: new Date(
          accepted ? Math.min(now, created + acceptedAfterDays * DAY_MS + 5_400_000) : created,
        ).toISOString(),
        sponsorIds: [PEOPLE[sponsor].id],
        companyName: companyOf(email),
      }),
    );
  }
}

function companyOf(email: string): string | null {
  const domain = email.split("@")[1] ?? "";
  const name = domain.split(".")[0] ?? "";
  return name ? name[0]!.toUpperCase() + name.slice(1) : null;
}

export type BulkGuestOptions = {
  count: number;
  /** E-mail domain of the generated guests; default spreads them over a few partner domains. */
  domain?: string;
  externalUserState?: ExternalUserState | "mixed";
  displayNamePrefix?: string;
  sponsorId?: string;
};

const BULK_DOMAINS = [
  "fabrikam.com",
  "northwind.example",
  "litware.example",
  "adatum.example",
  "tailspin.example",
];

/** Adds `count` guests quickly (50,000 in well under a second); returns how many were added. */
export function seedBulkGuests(
  store: UserStore,
  options: BulkGuestOptions,
  now: number = Date.now(),
): number {
  const start = store.size;
  const prefix = options.displayNamePrefix ?? "Bulk Guest";
  for (let index = 0; index < options.count; index++) {
    const number = start + index;
    const domain = options.domain ?? BULK_DOMAINS[number % BULK_DOMAINS.length]!;
    let email = `guest${number}@${domain}`;
    let suffix = 0;
    while (store.findByAddress(email).length > 0) email = `guest${number}-${++suffix}@${domain}`;
    const state =
      options.externalUserState === undefined || options.externalUserState === "mixed"
        ? number % 3 === 0
          ? "Accepted"
          : "PendingAcceptance"
        : options.externalUserState;
    const created = new Date(now - (number % 400) * 3_600_000 * 6).toISOString();
    store.add(
      invitedUser({
        email,
        displayName: `${prefix} ${number}`,
        createdDateTime: created,
        externalUserState: state,
        externalUserStateChangeDateTime: created,
        sponsorIds: options.sponsorId ? [options.sponsorId] : [],
      }),
    );
  }
  return options.count;
}
