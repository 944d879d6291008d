import type { DirectoryObject, User } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { getServerConfig } from "@/lib/config/server-config";
import { callGraph } from "./call-graph";
import { GraphFailure } from "./graph-failure";
import { connectAs, type GraphConnection } from "./graph-connection";
import { postFailureMayHaveActed } from "./repeat-rules";

/** A guest may have at most five sponsors (docs/graph-behaviour.md#sponsors). */
export const MAX_SPONSORS = 5;

export type Sponsor = {
  id: string;
  /** `#microsoft.graph.user` or `#microsoft.graph.group`. */
  type: "user" | "group" | "other";
  displayName: string;
  mail: string | null;
};

/** How a sponsor change ended when Graph accepted it, or when asking Graph showed it is in place. */
export type SponsorChange = {
  requestId?: string;
  /** The answer was lost and the sponsors read afterwards show the change made. */
  confirmedByReading: boolean;
};

export type SponsorChangeOptions = {
  /** An earlier try of this same change ended with its outcome unknown (docs/graph-behaviour.md#sponsors). */
  afterAmbiguity?: boolean;
};

// Graph's words for a sponsor already there [seen]; loosely matched, messages are no contract.
const ALREADY_SPONSOR = /added object references already exist/i;

/** Graph refused to add someone who is already a sponsor. */
export function isAlreadySponsor(error: unknown): boolean {
  return (
    error instanceof GraphFailure && error.status === 400 && ALREADY_SPONSOR.test(error.message)
  );
}

/** Graph refused to remove someone who is not (or no longer) a sponsor, or the guest is gone. */
export function isNotFound(error: unknown): boolean {
  return error instanceof GraphFailure && error.status === 404;
}

const sponsorsPath = (guestId: string) => `/users/${encodeURIComponent(guestId)}/sponsors`;

function typeOf(object: DirectoryObject): Sponsor["type"] {
  const type = (object as { "@odata.type"?: string })["@odata.type"] ?? "";
  if (type === "#microsoft.graph.user") return "user";
  if (type === "#microsoft.graph.group") return "group";
  return "other";
}

/**
 * GET /users/{id}/sponsors: users and groups, as directoryObjects. Least privileged: User.Read; the
 * portal reads with User.ReadBasic.All (names and mail are basic profile).
 */
export async function listSponsors(
  caller: Caller,
  guestId: string,
  connection: GraphConnection = connectAs(caller, "User.ReadBasic.All"),
): Promise<Sponsor[]> {
  const { data } = await callGraph<{ value: (DirectoryObject & User)[] }>(
    connection,
    { method: "GET", path: sponsorsPath(guestId), select: ["id", "displayName", "mail"] },
    "listSponsors",
  );
  return data.value.flatMap((object) =>
    object.id
      ? [
          {
            id: object.id,
            type: typeOf(object),
            displayName: object.displayName ?? object.mail ?? object.id,
            mail: object.mail ?? null,
          },
        ]
      : [],
  );
}

/** After a lost answer: whether the sponsor is there now; outcome_unknown when Graph cannot tell. */
async function sponsorPresent(
  connection: GraphConnection,
  caller: Caller,
  guestId: string,
  sponsorId: string,
): Promise<boolean> {
  try {
    const sponsors = await listSponsors(caller, guestId, connection);
    return sponsors.some((sponsor) => sponsor.id.toLowerCase() === sponsorId.toLowerCase());
  } catch {
    throw new GraphFailure("outcome_unknown", {
      message: "The sponsor change got no answer, and the sponsors could not be read afterwards",
    });
  }
}

function notSent(): GraphFailure {
  return new GraphFailure("not_sent", {
    message: "The sponsor change got no answer, and reading the sponsors showed it was not made",
  });
}

/**
 * POST /users/{id}/sponsors/$ref. Needs User.ReadWrite.All and a User Administrator, Directory Writers
 * (or Global Administrator) caller. A lost answer is settled by reading the sponsors, never by sending again.
 */
export async function addSponsor(
  caller: Caller,
  guestId: string,
  sponsorId: string,
  options: SponsorChangeOptions = {},
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<SponsorChange> {
  const reference = `${getServerConfig().graphBaseUrl}/v1.0/users/${encodeURIComponent(sponsorId)}`;
  try {
    const { requestId } = await callGraph<void>(
      connection,
      { method: "POST", path: `${sponsorsPath(guestId)}/$ref`, body: { "@odata.id": reference } },
      "addSponsor",
    );
    return requestId ? { requestId, confirmedByReading: false } : { confirmedByReading: false };
  } catch (error) {
    if (postFailureMayHaveActed(error)) {
      if (await sponsorPresent(connection, caller, guestId, sponsorId))
        return { confirmedByReading: true };
      throw notSent();
    }
    // The earlier try did act after all.
    if (options.afterAmbiguity && isAlreadySponsor(error)) return { confirmedByReading: true };
    throw error;
  }
}

/** DELETE /users/{id}/sponsors/{sponsorId}/$ref, with the same permission, roles and settling as addSponsor. */
export async function removeSponsor(
  caller: Caller,
  guestId: string,
  sponsorId: string,
  options: SponsorChangeOptions = {},
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<SponsorChange> {
  try {
    const { requestId } = await callGraph<void>(
      connection,
      {
        method: "DELETE",
        path: `${sponsorsPath(guestId)}/${encodeURIComponent(sponsorId)}/$ref`,
      },
      "removeSponsor",
    );
    return requestId ? { requestId, confirmedByReading: false } : { confirmedByReading: false };
  } catch (error) {
    if (postFailureMayHaveActed(error)) {
      if (!(await sponsorPresent(connection, caller, guestId, sponsorId)))
        return { confirmedByReading: true };
      throw notSent();
    }
    if (options.afterAmbiguity && isNotFound(error)) return { confirmedByReading: true };
    throw error;
  }
}
