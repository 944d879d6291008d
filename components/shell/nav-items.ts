/** Later pages (pending invitations, history, bulk) add themselves here. */
export const navItems = [
  { href: "/", labelKey: "invite" },
  { href: "/pending", labelKey: "pending" },
  { href: "/history", labelKey: "history" },
  { href: "/bulk", labelKey: "bulk" },
] as const;
