"use server";

import { z } from "zod";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { ActionResult } from "@/lib/server-action/action-result";
import { createAction } from "@/lib/server-action/create-action";
import type { Caller } from "@/lib/auth/caller";
import { mayResetRedemption, overseesAllInvitations } from "@/lib/auth/caller-roles";
import { RESET_REDEMPTION_ROLES } from "@/lib/auth/roles";
import { getServerConfig } from "@/lib/config/server-config";
import { getStore, type GuestInviter } from "@/lib/db";
import { resetRedemption, sendInvitation } from "@/lib/graph/invitations";
import {
  addOtherMail,
  followPendingGuestsLink,
  getGuest,
  listPendingGuests,
  MAX_IDS_PER_QUERY,
  type GuestDetails,
  type PendingGuest,
  type PendingGuestPage,
} from "@/lib/graph/pending-guests";
import { findEmailProblem } from "@/lib/invitations/email-rules";
import {
  InvalidPendingCursorError,
  openPendingCursor,
  sealPendingCursor,
  type PendingCursor,
} from "./pending-cursor";
import { recordedInvitation, type RecordedInvitation } from "./recorded-invitation";

export type PendingCapabilities = {
  /** Helpdesk, User or Global Administrator (by `wids` or Graph): Graph refuses resets to anyone else. */
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
  | { status: "ok"; email: string; redeemUrl: string; requestId?: string }
  | { status: "not_pending" };

export type ResetResult =
  | {
      status: "ok";
      email: string;
      redeemUrl: string;
      addedEmail: boolean;
      requestId?: string;
    }
  | { status: "not_guest" };

const invalid = { error: "validation.invalid" } as const;
const guestUserId = z.string(invalid).regex(/^[0-9a-zA-Z-]{1,64}$/, invalid);
const idempotencyKey = z.string(invalid).regex(/^[\w-]{8,128}$/, invalid);

const listInput = z.object({
  pageSize: z.union([z.literal(25), z.literal(50), z.literal(100)], invalid).default(25),
  search: z.string(invalid).max(100, invalid).default(""),
  order: z.enum(["default", "newest", "oldest"], invalid).default("default"),
  invitedByMe: z.boolean(invalid).default(false),
  cursor: z.string(invalid).max(8000, invalid).nullish(),
});
type ListInput = z.output<typeof listInput>;

function cursorBinding(caller: Caller, input: ListInput) {
  return {
    oid: caller.oid,
    query: JSON.stringify([input.pageSize, input.order, input.search.trim(), input.invitedByMe]),
  };
}

function openCursor(caller: Caller, input: ListInput): PendingCursor | null {
  if (!input.cursor) return null;
  try {
    return openPendingCursor(
      input.cursor,
      cursorBinding(caller, input),
      getServerConfig().cursorSigningKey,
    );
  } catch (error) {
    if (error instanceof InvalidPendingCursorError) throw new ActionFailure("validation");
    throw error;
  }
}

function seal(caller: Caller, input: ListInput, cursor: PendingCursor): string {
  return sealPendingCursor(
    cursor,
    cursorBinding(caller, input),
    getServerConfig().cursorSigningKey,
  );
}

/** "Invited by me": the caller's guests from the history, still pending according to Graph. */
async function pageInvitedBy(
  caller: Caller,
  input: ListInput,
  offset: number,
): Promise<{ guests: PendingGuest[]; next: PendingCursor | null }> {
  const store = await getStore();
  const ids = await store.guestsInvitedBy(caller.oid, {
    limit: input.pageSize + 1,
    offset,
    oldestFirst: input.order === "oldest",
  });
  const pageIds = ids.slice(0, input.pageSize);
  const chunks: string[][] = [];
  for (let index = 0; index < pageIds.length; index += MAX_IDS_PER_QUERY)
    chunks.push(pageIds.slice(index, index + MAX_IDS_PER_QUERY));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      listPendingGuests(caller, {
        pageSize: 25,
        order: "default",
        search: input.search,
        ids: chunk,
      }),
    ),
  );
  const byId = new Map(pages.flatMap((page) => page.guests).map((guest) => [guest.id, guest]));
  return {
    guests: pageIds.flatMap((id) => byId.get(id) ?? []),
    next: ids.length > input.pageSize ? { kind: "history", offset: offset + input.pageSize } : null,
  };
}

function invitedByOf(
  guest: PendingGuest,
  inviter: GuestInviter | undefined,
  caller: Caller,
): PendingInvitationRow["invitedBy"] {
  if (inviter) {
    return {
      name: inviter.name ?? inviter.upn ?? inviter.oid,
      source: "history",
      byMe: inviter.oid === caller.oid,
    };
  }
  if (guest.sponsors && guest.sponsors.length > 0) {
    return {
      name: guest.sponsors.map((sponsor) => sponsor.displayName).join(", "),
      source: "sponsor",
      byMe: guest.sponsors.some((sponsor) => sponsor.id === caller.oid),
    };
  }
  return null;
}

const listAction = createAction({
  name: "listPendingInvitations",
  schema: listInput,
  handler: async (input, { caller }): Promise<PendingInvitationsPage> => {
    const cursor = openCursor(caller, input);
    let guests: PendingGuest[];
    let next: PendingCursor | null;
    let count: number | undefined;
    if (input.invitedByMe) {
      if (cursor && cursor.kind !== "history") throw new ActionFailure("validation");
      ({ guests, next } = await pageInvitedBy(caller, input, cursor?.offset ?? 0));
    } else {
      if (cursor && cursor.kind !== "graph") throw new ActionFailure("validation");
      const page: PendingGuestPage = cursor
        ? await followPendingGuestsLink(caller, cursor.nextLink, input.order)
        : await listPendingGuests(caller, {
            pageSize: input.pageSize,
            order: input.order,
            search: input.search,
          });
      guests = page.guests;
      next = page.nextLink ? { kind: "graph", nextLink: page.nextLink } : null;
      count = page.count;
    }
    const inviters = await (await getStore()).inviterForGuests(guests.map((guest) => guest.id));
    const all = await overseesAllInvitations(caller);
    const canReset = await mayResetRedemption(caller);
    return {
      rows: guests.map((guest) => {
        const inviter = inviters.get(guest.id);
        return {
          id: guest.id,
          displayName: guest.displayName,
          mail: guest.mail,
          createdDateTime: guest.createdDateTime,
          invitedBy: invitedByOf(guest, inviter, caller),
          linkAvailable: inviter !== undefined && (all || inviter.oid === caller.oid),
        };
      }),
      nextCursor: next ? seal(caller, input, next) : null,
      ...(count !== undefined ? { count } : {}),
      capabilities: { canReset, seesAllLinks: all },
    };
  },
});

const capabilitiesAction = createAction({
  name: "getPendingCapabilities",
  schema: z.object({}).loose(),
  handler: async (_input, { caller }): Promise<PendingCapabilities> => {
    const all = await overseesAllInvitations(caller);
    return { canReset: await mayResetRedemption(caller), seesAllLinks: all };
  },
});

const redeemLinkAction = createAction({
  name: "getRedeemLink",
  schema: z.object({ guestUserId }),
  handler: async (input, { caller }): Promise<{ redeemUrl: string | null }> => {
    const latest = await (await getStore()).latestRedeemUrlForGuest(input.guestUserId);
    // Only the newest link still works after a reset, and only its creator (or helpdesk) may read it.
    if (!latest || (!(await overseesAllInvitations(caller)) && latest.inviterOid !== caller.oid))
      return { redeemUrl: null };
    return { redeemUrl: latest.redeemUrl };
  },
});

function invitationAddress(guest: GuestDetails): string | null {
  return guest.mail ?? guest.otherMails[0] ?? null;
}

function isPendingGuest(guest: GuestDetails | undefined): guest is GuestDetails {
  return guest?.userType === "Guest" && guest.externalUserState === "PendingAcceptance";
}

/** Invites a pending guest again: silently for a new link, or with the e-mail for a resend. */
function reinviteAction(name: string, kind: "regenerate_link" | "resend") {
  const sendMessage = kind === "resend";
  return createAction({
    name,
    schema: z.object({ guestUserId, idempotencyKey }),
    handler: async (input, { caller }): Promise<RelinkResult> => {
      const guest = await getGuest(caller, input.guestUserId);
      const email = guest ? invitationAddress(guest) : null;
      if (!isPendingGuest(guest) || !email) return { status: "not_pending" };
      const redirectUrl = getServerConfig().defaultRedirectUrl;
      const sent: RecordedInvitation = await recordedInvitation(
        caller,
        {
          kind,
          idempotencyKey: input.idempotencyKey,
          guestUserId: guest.id,
          guestEmail: email,
          guestDisplayName: guest.displayName,
          redirectUrl,
          sendInvitationMessage: sendMessage,
        },
        () =>
          sendInvitation(caller, {
            invitedUserEmailAddress: email,
            inviteRedirectUrl: redirectUrl,
            sendInvitationMessage: sendMessage,
          }),
      );
      return {
        status: "ok",
        email,
        redeemUrl: sent.redeemUrl,
        ...(sent.requestId ? { requestId: sent.requestId } : {}),
      };
    },
  });
}

const regenerateAction = reinviteAction("regenerateRedeemLink", "regenerate_link");
const resendAction = reinviteAction("resendInvitation", "resend");

const resetInput = z.object({
  guestUserId,
  idempotencyKey,
  /** Empty: keep the address on the user. */
  newEmail: z
    .string(invalid)
    .trim()
    .max(254, invalid)
    .default("")
    .superRefine((value, ctx) => {
      const problem = value === "" ? undefined : findEmailProblem(value);
      if (problem)
        ctx.addIssue({
          code: "custom",
          message: problem.key,
          ...(problem.params ? { params: problem.params } : {}),
        });
    }),
  /** Add newEmail to the user's otherMails first, since Graph accepts only an address already there. */
  addEmailToUser: z.boolean(invalid).default(false),
  sendInvitationMessage: z.boolean(invalid).default(false),
});

const resetAction = createAction({
  name: "resetGuestRedemption",
  schema: resetInput,
  requiredRoles: RESET_REDEMPTION_ROLES,
  handler: async (input, { caller }): Promise<ResetResult> => {
    const guest = await getGuest(caller, input.guestUserId);
    if (!guest || guest.userType !== "Guest") return { status: "not_guest" };
    const email = input.newEmail.trim() || invitationAddress(guest);
    if (!email) return { status: "not_guest" };
    const known = [guest.mail ?? "", ...guest.otherMails].some(
      (address) => address.toLowerCase() === email.toLowerCase(),
    );
    const addedEmail = !known && input.addEmailToUser;
    if (addedEmail) await addOtherMail(caller, guest, email);
    const redirectUrl = getServerConfig().defaultRedirectUrl;
    const sent = await recordedInvitation(
      caller,
      {
        kind: "reset_redemption",
        idempotencyKey: input.idempotencyKey,
        guestUserId: guest.id,
        guestEmail: email,
        guestDisplayName: guest.displayName,
        redirectUrl,
        sendInvitationMessage: input.sendInvitationMessage,
      },
      () =>
        resetRedemption(caller, {
          userId: guest.id,
          email,
          redirectUrl,
          sendInvitationMessage: input.sendInvitationMessage,
        }),
    );
    return {
      status: "ok",
      email,
      redeemUrl: sent.redeemUrl,
      addedEmail,
      ...(sent.requestId ? { requestId: sent.requestId } : {}),
    };
  },
});

/** One page of guests who have not accepted their invitation yet. */
export async function listPendingInvitations(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<PendingInvitationsPage>> {
  return listAction(accessToken, input);
}

/** What the signed-in person may do on the pending page, from their validated token. */
export async function getPendingCapabilities(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<PendingCapabilities>> {
  return capabilitiesAction(accessToken, input);
}

/** The redeem link the history holds for a guest, when this caller may see it. */
export async function getRedeemLink(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<{ redeemUrl: string | null }>> {
  return redeemLinkAction(accessToken, input);
}

/** Invites a pending guest again without e-mail, for a fresh redeem link (recorded). */
export async function regenerateRedeemLink(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<RelinkResult>> {
  return regenerateAction(accessToken, input);
}

/** Invites a pending guest again with the invitation e-mail (recorded). */
export async function resendInvitation(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<RelinkResult>> {
  return resendAction(accessToken, input);
}

/** Helpdesk only: resets a guest's redemption, optionally to a new address (recorded). */
export async function resetGuestRedemption(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<ResetResult>> {
  return resetAction(accessToken, input);
}
