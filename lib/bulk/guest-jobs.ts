import type { BulkJobKind, BulkJobRecord, InvitationStore, NewBulkRow } from "@/lib/db";

/** A guest a reminder or removal job acts on, as the server resolved it (never a browser's list). */
export type JobGuest = { id: string; email: string; displayName: string | null };

export type GuestJobKind = Exclude<BulkJobKind, "invite">;

const HEADERS = ["email", "displayName", "guestUserId"];

/**
 * The POST /invitations body of a reminder: the existing guest invited again with the e-mail, exactly
 * as the pending page's Resend does it (lib/pending/relink.ts).
 */
export function reminderRequest(email: string, redirectUrl: string): Record<string, unknown> {
  return {
    invitedUserEmailAddress: email,
    inviteRedirectUrl: redirectUrl,
    sendInvitationMessage: true,
  };
}

/**
 * Creates and starts a reminder or removal job over `guests`: one queued row per guest, naming it in
 * `guestUserId`; the worker sends them paced, at most once each, like bulk invitations.
 */
export async function startGuestJob(
  store: InvitationStore,
  owner: { oid: string; name?: string | null; upn?: string | null },
  kind: GuestJobKind,
  guests: readonly JobGuest[],
  redirectUrl: string,
): Promise<BulkJobRecord> {
  const unique = [...new Map(guests.map((guest) => [guest.id, guest])).values()];
  const job = await store.jobs.createJob({
    ownerOid: owner.oid,
    ownerName: owner.name ?? null,
    ownerUpn: owner.upn ?? null,
    kind,
    fileName: kind === "remind" ? "reminders" : "removals",
    format: kind,
    headers: HEADERS,
    totalRows: unique.length,
  });
  const rows: NewBulkRow[] = unique.map((guest, index) => ({
    rowNumber: index + 1,
    cells: [guest.email, guest.displayName ?? "", guest.id],
    email: guest.email,
    guestUserId: guest.id,
    request: kind === "remind" ? reminderRequest(guest.email, redirectUrl) : null,
    state: "queued",
  }));
  for (let start = 0; start < rows.length; start += 500)
    await store.jobs.addRows(job.id, rows.slice(start, start + 500));
  const started = await store.jobs.startJob(job.id);
  if (!started) throw new Error("the job could not start");
  return started;
}
