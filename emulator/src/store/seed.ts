import { PEOPLE } from "../constants";
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
