import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { findUsersByMail } from "@/lib/graph/users-by-mail";

export type ExistingAddress = { mail: string; pending: boolean; guest: boolean };

/** Which of these addresses already belong to someone in the tenant (pending guests especially). */
export async function existingAddresses(
  caller: Caller,
  addresses: readonly string[],
): Promise<ExistingAddress[]> {
  const matches = await findUsersByMail(caller, addresses);
  return matches.map((match) => ({
    mail: match.mail,
    pending: match.externalUserState === "PendingAcceptance",
    guest: match.userType === "Guest",
  }));
}
