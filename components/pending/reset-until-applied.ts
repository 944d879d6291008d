import type { ResetResult } from "@/lib/pending/pending-types";

/** How long a reset waits for Microsoft Entra to apply an address the portal has just added. */
export const ADDRESS_WAIT_BOUND_MS = 30_000;
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 8_000;

type Outcome = { ok: true; data: ResetResult } | { ok: false };

export type AddressWait = {
  boundMs?: number;
  /** Called before each wait with the number of attempts made so far. */
  onWaiting: (attempts: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls the reset again while Graph does not yet see the address just added to the user (each
 * attempt one action call, so the dialog can say what it is waiting for), backing off, for at most
 * `boundMs`. The last answer is returned; still `awaiting_replication` means it gave up.
 */
export async function resetUntilApplied<O extends Outcome>(
  attempt: () => Promise<O>,
  { boundMs = ADDRESS_WAIT_BOUND_MS, onWaiting, sleep = pause, now = Date.now }: AddressWait,
): Promise<O> {
  const startedAt = now();
  let attempts = 1;
  let outcome = await attempt();
  let addedEmail = false;
  while (outcome.ok && outcome.data.status === "awaiting_replication") {
    addedEmail ||= outcome.data.addedEmail;
    const wait = Math.min(FIRST_WAIT_MS * 2 ** (attempts - 1), LONGEST_WAIT_MS);
    const left = startedAt + boundMs - now();
    if (left <= 0) break;
    onWaiting(attempts);
    await sleep(Math.min(wait, left));
    outcome = await attempt();
    attempts += 1;
  }
  // The first answer added the address; the later ones found it already on the user.
  if (outcome.ok && addedEmail && "addedEmail" in outcome.data)
    return { ...outcome, data: { ...outcome.data, addedEmail: true } };
  return outcome;
}
