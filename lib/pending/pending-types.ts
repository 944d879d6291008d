/** What the pending page's actions answer; types only, so the browser may import them. */

export type PendingCapabilities = {
  /** Helpdesk, User or Global Administrator, or the portal's Guests.ResetRedemption app role. */
  canReset: boolean;
  /** Those same people see every redeem link; everyone else only the ones they created. */
  seesAllLinks: boolean;
};

export type PendingInvitationRow = {
  id: string;
  displayName: string;
  mail: string | null;
  createdDateTime: string | null;
  invitedBy: { name: string; source: "history" | "sponsor"; byMe: boolean } | null;
  /** The history holds a redeem link this caller may copy. */
  linkAvailable: boolean;
};

export type PendingInvitationsPage = {
  rows: PendingInvitationRow[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  /** All matches, when Graph counted them (sorted queries). */
  count?: number;
  /** Sent with every page, so the page needs no separate round trip to know which buttons to show. */
  capabilities: PendingCapabilities;
};

export type RelinkResult =
  | { status: "ok"; email: string; redeemUrl: string; requestId?: string; settled?: true }
  | { status: "not_pending" };

export type ResetResult =
  | {
      status: "ok";
      email: string;
      redeemUrl: string;
      addedEmail: boolean;
      requestId?: string;
      /** Graph's answer was lost; asking Graph showed the reset was done. */
      settled?: true;
    }
  /** Graph does not see the address on the user yet (replication): ask again shortly. */
  | { status: "awaiting_replication"; email: string; addedEmail: boolean }
  | { status: "not_guest" };
