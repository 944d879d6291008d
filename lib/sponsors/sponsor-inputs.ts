import { z } from "zod";

/** What the Sponsors dialog's actions accept, shared by browser and server; the server's verdict counts. */

const invalid = { error: "validation.invalid" } as const;
/** Entra object ids are GUIDs. */
const objectId = z.guid(invalid);

export const guestSponsorsInput = z.object({ guestUserId: objectId });
export type GuestSponsorsInput = z.output<typeof guestSponsorsInput>;

/** The one form of the dialog: a sponsor to add to, or remove from, a guest. */
export const sponsorChangeInput = z.object({ guestUserId: objectId, sponsorId: objectId });
export type SponsorChangeInput = z.output<typeof sponsorChangeInput>;
