import type { User } from "@microsoft/microsoft-graph-types";
import pLimit from "p-limit";
import type { Caller } from "@/lib/auth/caller";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";
import { odataString } from "./odata";

export type DirectoryMatch = {
  id: string;
  mail: string;
  userType: string | null;
  externalUserState: string | null;
  createdDateTime: string | null;
};

/** Addresses per request: Graph limits how many clauses a $filter may join. */
export const ADDRESSES_PER_QUERY = 15;
export const PARALLEL_QUERIES = 4;

async function queryChunk(connection: GraphConnection, chunk: string[]): Promise<DirectoryMatch[]> {
  const { data } = await callGraph<{ value: User[] }>(
    connection,
    {
      method: "GET",
      path: "/users",
      filter: chunk.map((address) => `mail eq ${odataString(address)}`).join(" or "),
      select: ["id", "mail", "userType", "externalUserState", "createdDateTime"],
      top: 999,
    },
    "listPendingGuests",
  );
  return data.value.flatMap((user) =>
    user.id && user.mail
      ? [
          {
            id: user.id,
            mail: user.mail.toLowerCase(),
            userType: user.userType ?? null,
            externalUserState: user.externalUserState ?? null,
            createdDateTime: user.createdDateTime ?? null,
          },
        ]
      : [],
  );
}

/**
 * Users whose `mail` is one of `addresses` (GET /users?$filter=mail eq '…' or …, User.Read.All),
 * in chunks. Used to warn about addresses already pending before a bulk job, and by the worker to
 * find out whether an invitation it lost track of reached Graph.
 */
export async function findUsersByMail(
  caller: Caller,
  addresses: readonly string[],
  connection: GraphConnection = connectAs(caller, "User.Read.All"),
): Promise<DirectoryMatch[]> {
  const unique = [...new Set(addresses.map((address) => address.trim().toLowerCase()))].filter(
    (address) => address !== "",
  );
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += ADDRESSES_PER_QUERY) {
    chunks.push(unique.slice(start, start + ADDRESSES_PER_QUERY));
  }
  // A few requests at a time: quick for a long file, well inside the directory's own limits.
  const found = await pLimit(PARALLEL_QUERIES).map(chunks, (chunk) =>
    queryChunk(connection, chunk),
  );
  return found.flat();
}
