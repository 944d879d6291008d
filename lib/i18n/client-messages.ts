import type { Messages } from "next-intl";

export type Namespace = keyof Messages;

/** What the shell, sign-in, shared controls, errors and validation use, on every page. */
export const SHARED_CLIENT_NAMESPACES = [
  "app",
  "nav",
  "language",
  "auth",
  "common",
  "copy",
  "errors",
  "validation",
  "errorPage",
  "notFound",
  // The Sponsors dialog opens from the pending list and from the history.
  "Sponsors",
] as const satisfies readonly Namespace[];

/** What each page's own client components add to the shared namespaces. */
export const PAGE_NAMESPACES = {
  invite: ["invite", "Groups"],
  pending: ["pending", "StaleInvitations"],
  history: ["history", "GuestChanges"],
  bulk: ["bulk", "StaleInvitationsJob"],
  /** The settings page, and the weekly stale-invitations panel the pending page adds. */
  staleDigest: ["StaleDigest"],
} as const satisfies Record<string, readonly Namespace[]>;

/**
 * Only these namespaces of the messages: the browser receives its messages inside the page's HTML,
 * so each page sends what its client components can show and no more.
 */
export function pickNamespaces(
  messages: Partial<Messages>,
  namespaces: readonly Namespace[],
): Partial<Messages> {
  return Object.fromEntries(
    namespaces.flatMap((namespace) =>
      namespace in messages ? [[namespace, messages[namespace]]] : [],
    ),
  );
}
