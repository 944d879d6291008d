/** What the stale-digest and settings actions answer; types only, so the browser may import them. */

export type StaleDigestPolicy = {
  enabled: boolean;
  olderThanDays: number;
  /** Grows by one on every save; 0 while never saved (the default, off). */
  revision: number;
  /** Who saved it last, and when (ISO); null while never saved. */
  updatedAt: string | null;
  updatedBy: string | null;
};

export type StaleDigestEntry = {
  guestUserId: string;
  email: string | null;
  displayName: string;
  /** ISO date-time: Graph's createdDateTime of the guest. */
  invitedAt: string;
};

export type StaleDigestView =
  /** The policy is off: nothing to show. */
  | { status: "off" }
  /** Another request (or instance) is computing this week's list right now: ask again shortly. */
  | { status: "computing" }
  | {
      status: "ready";
      runId: string;
      isoWeek: string;
      olderThanDays: number;
      computedAt: string;
      dismissed: boolean;
      guests: StaleDigestEntry[];
    };

export type SettingsAccess = { canChangeSettings: boolean };
