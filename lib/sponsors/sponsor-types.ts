import type { Sponsor } from "@/lib/graph/sponsors";

export type { Sponsor };

export type GuestSponsors = {
  guest: { id: string; displayName: string; mail: string | null };
  sponsors: Sponsor[];
  /** Graph allows at most this many. */
  maxSponsors: number;
};

/** Refusals decided before anything was sent (nothing recorded), or Graph's own answer to them. */
export type SponsorRefusal =
  "guest_not_found" | "sponsor_not_found" | "already_sponsor" | "not_a_sponsor" | "sponsors_full";

export type SponsorChangeResult =
  | {
      status: "added" | "removed";
      sponsors: Sponsor[];
      requestId?: string;
      /** The answer was lost; reading the sponsors afterwards showed the change made. */
      confirmedByReading: boolean;
    }
  | { status: SponsorRefusal; sponsors: Sponsor[] };
