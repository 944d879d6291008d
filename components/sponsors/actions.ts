"use server";

import { z } from "zod";
import { mayManageSponsors } from "@/lib/auth/caller-roles";
import { SPONSOR_UPDATE_ROLES } from "@/lib/auth/roles";
import { createAction } from "@/lib/server-action/create-action";
import { guestSponsorsInput, sponsorChangeInput } from "@/lib/sponsors/sponsor-inputs";
import { addGuestSponsor, guestSponsors, removeGuestSponsor } from "@/lib/sponsors/guest-sponsors";

export type {
  GuestSponsors,
  Sponsor,
  SponsorChangeResult,
  SponsorRefusal,
} from "@/lib/sponsors/sponsor-types";

/** Whether the signed-in person may change sponsors (Graph allows only some directory roles). */
export const getSponsorCapabilities = createAction({
  name: "getSponsorCapabilities",
  schema: z.object({}).loose(),
  handler: async (_input, { caller }) => ({ canManage: await mayManageSponsors(caller) }),
});

/** A guest's current sponsors, read from Graph. */
export const listGuestSponsors = createAction({
  name: "listGuestSponsors",
  schema: guestSponsorsInput,
  requiredRoles: SPONSOR_UPDATE_ROLES,
  handler: (input, { caller }) => guestSponsors(caller, input),
});

/** Adds a sponsor to a guest (recorded in the changes history). */
export const addGuestSponsorAction = createAction({
  name: "addGuestSponsor",
  schema: sponsorChangeInput,
  requiredRoles: SPONSOR_UPDATE_ROLES,
  handler: (input, { caller }) => addGuestSponsor(caller, input),
});

/** Removes a sponsor from a guest (recorded in the changes history). */
export const removeGuestSponsorAction = createAction({
  name: "removeGuestSponsor",
  schema: sponsorChangeInput,
  requiredRoles: SPONSOR_UPDATE_ROLES,
  handler: (input, { caller }) => removeGuestSponsor(caller, input),
});
