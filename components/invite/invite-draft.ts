import type { InviteFormValues } from "@/lib/invitations/invite-schema";
import type { SubmissionAttempt } from "./submission-attempt";

/** What survives the trip to the identity provider when the session has to be renewed. */
export type InviteDraft = { values: InviteFormValues; attempt: SubmissionAttempt | null };

const DRAFT_KEY = "guest-portal.invite-draft";

type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function sessionStore(): DraftStorage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

// sessionStorage: scoped to this tab, gone when it closes; it never holds a token.
export function saveInviteDraft(
  draft: InviteDraft,
  storage: DraftStorage | undefined = sessionStore(),
): void {
  try {
    storage?.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the person retypes, nothing worse.
  }
}

/** Forgets the draft once the form has it, so a later visit starts with an empty form. */
export function clearInviteDraft(storage: DraftStorage | undefined = sessionStore()): void {
  try {
    storage?.removeItem(DRAFT_KEY);
  } catch {
    // nothing to forget
  }
}

export function readInviteDraft(
  storage: DraftStorage | undefined = sessionStore(),
): InviteDraft | null {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(DRAFT_KEY) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<InviteDraft>;
    // Restored as typed, valid or not: the person was still typing. The resolver validates it again.
    const values = parsed.values as InviteFormValues | undefined;
    if (!values || typeof values !== "object" || typeof values.email !== "string") return null;
    const attempt = parsed.attempt;
    const validAttempt =
      attempt &&
      typeof attempt.idempotencyKey === "string" &&
      typeof attempt.fingerprint === "string"
        ? attempt
        : null;
    return {
      values: { ...values, sponsors: Array.isArray(values.sponsors) ? values.sponsors : [] },
      attempt: validAttempt,
    };
  } catch {
    return null;
  }
}
