import type { inviteSchema } from "@/lib/invitations/invite-schema";

export type InviteSchema = typeof inviteSchema;

let loading: Promise<InviteSchema> | undefined;

/**
 * The shared schema, fetched on demand: zod is the largest library the form needs, and keeping it out
 * of the first load lets the page paint sooner. The form asks for it when the person first focuses or
 * presses anything in it, and validation waits for it if it has not arrived yet.
 */
export function loadInviteSchema(): Promise<InviteSchema> {
  loading ??= import("@/lib/invitations/invite-schema").then((module) => module.inviteSchema);
  return loading;
}
