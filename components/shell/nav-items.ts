/** Later pages (pending invitations, history, bulk) add themselves here. */
export const navItems = [
  { href: "/", labelKey: "invite" },
  { href: "/pending", labelKey: "pending" },
  { href: "/history", labelKey: "history" },
  { href: "/bulk", labelKey: "bulk" },
  /** Shown to those who may change the portal's settings only (components/settings). */
  { href: "/settings", labelKey: "settings", administratorsOnly: true },
] as const;
