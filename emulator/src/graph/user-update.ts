import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { isInvitableAddress } from "./email-address";
import { GraphError, graphErrors } from "./graph-error";
import {
  ADMINISTRATOR_ROLES,
  holdsAnyRole,
  requireAnyPermission,
  type GraphCaller,
} from "./graph-caller";
import { readObject, type FieldSpec } from "./odata-body";
import { DIRECTORY_ROLE_TEMPLATES } from "../constants";
import { USER_PROPERTIES } from "./user-properties";

const text = (nullable: boolean): FieldSpec => ({ kind: "string", nullable });

const WRITABLE: Record<string, FieldSpec> = {
  displayName: text(false),
  givenName: text(true),
  surname: text(true),
  mail: text(true),
  otherMails: { kind: "array", items: text(false) },
  jobTitle: text(true),
  department: text(true),
  officeLocation: text(true),
  companyName: text(true),
  mobilePhone: text(true),
  preferredLanguage: text(true),
  accountEnabled: { kind: "boolean", nullable: false },
};

const userPatchSpec = {
  kind: "object",
  type: "microsoft.graph.user",
  nullable: false,
  fields: WRITABLE,
  openFields: new Set(Object.keys(USER_PROPERTIES)),
} satisfies FieldSpec;

const lowered = (address: string) => address.toLowerCase();

const PROXY_CONFLICT =
  "Another object with the same value for property proxyAddresses already exists.";

/** Graph's answer to a `mail` another object holds, with the `details` it carries [seen]. */
function proxyAddressConflict(holderId: string) {
  return new GraphError(400, "Request_BadRequest", PROXY_CONFLICT, {}, [
    { code: "ObjectConflict", message: PROXY_CONFLICT, target: "proxyAddresses" },
    { code: "ConflictingObjects", message: PROXY_CONFLICT, target: holderId },
  ]);
}

type UserPatch = Partial<
  Pick<
    UserRecord,
    | "displayName"
    | "givenName"
    | "surname"
    | "mail"
    | "otherMails"
    | "jobTitle"
    | "department"
    | "officeLocation"
    | "companyName"
    | "mobilePhone"
    | "preferredLanguage"
    | "accountEnabled"
  >
>;

/** PATCH /users/{id}: User.ReadWrite.All and an administrator able to manage the target. */
export function updateUser(
  tenant: TenantState,
  caller: GraphCaller,
  user: UserRecord,
  body: unknown,
): void {
  requireAnyPermission(caller, ["User.ReadWrite.All", "Directory.ReadWrite.All"]);
  const isAdministrator = holdsAnyRole(caller.user, ADMINISTRATOR_ROLES);
  const isHelpdesk = holdsAnyRole(caller.user, [DIRECTORY_ROLE_TEMPLATES.helpdeskAdministrator]);
  const allowed =
    isAdministrator ||
    (isHelpdesk && user.directoryRoles.length === 0) ||
    caller.user.id === user.id;
  if (!allowed) throw graphErrors.insufficientPrivileges();

  const patch = readObject(body, userPatchSpec) as UserPatch & Record<string, unknown>;
  for (const name of Object.keys(patch)) {
    if (!(name in WRITABLE)) {
      throw graphErrors.badRequest(
        `Property '${name}' is read-only or cannot be updated in the local tenant.`,
        "Request_BadRequest",
      );
    }
  }
  if (patch.mail !== undefined && patch.mail !== null) {
    if (!isInvitableAddress(patch.mail))
      throw graphErrors.badRequest(
        "Invalid value specified for property 'mail' of resource 'User'.",
        "Request_BadRequest",
      );
    const holder = tenant.users
      .findByAddress(patch.mail)
      .find(
        (other) => other.id !== user.id && other.mail?.toLowerCase() === patch.mail!.toLowerCase(),
      );
    if (holder) throw proxyAddressConflict(holder.id);
  }
  if (patch.otherMails) {
    for (const address of patch.otherMails) {
      if (!isInvitableAddress(address)) {
        throw graphErrors.badRequest(
          "Invalid value specified for property 'otherMails' of resource 'User'.",
          "Request_BadRequest",
        );
      }
    }
  }
  if (patch.displayName !== undefined && (patch.displayName ?? "").trim() === "") {
    throw graphErrors.badRequest(
      "Invalid value specified for property 'displayName' of resource 'User'.",
      "Request_BadRequest",
    );
  }
  const before = new Set(
    [user.mail, ...user.otherMails].filter((item): item is string => !!item).map(lowered),
  );
  const added = [patch.mail, ...(patch.otherMails ?? [])].filter(
    (item): item is string => !!item && !before.has(lowered(item)),
  );
  tenant.users.update(user, patch);
  const delay = tenant.settings.otherMailsReplicationDelayMs;
  if (delay > 0) tenant.addressReplication.record(user.id, added, Date.now() + delay);
}
