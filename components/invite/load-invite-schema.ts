import type { InviteSchema, InviteSchemaContext } from "@/lib/invitations/invite-schema";

export type { InviteSchema };

const loading = new Map<boolean, Promise<InviteSchema>>();

/**
 * The shared schema, fetched on demand: zod is the largest library the form needs, and keeping it out
 * of the first load lets the page paint sooner. The form asks for it when the person first focuses or
 * presses anything in it, and validation waits for it if it has not arrived yet.
 */
export function loadInviteSchema(context: InviteSchemaContext): Promise<InviteSchema> {
  let schema = loading.get(context.localTenant);
  if (!schema) {
    schema = import("@/lib/invitations/invite-schema").then((module) =>
      module.inviteSchemaFor(context),
    );
    loading.set(context.localTenant, schema);
  }
  return schema;
}
