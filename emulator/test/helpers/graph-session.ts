import type { Client } from "@microsoft/microsoft-graph-client";
import type { LocalTenant, PersonKey } from "../../src/index";
import { graphClient } from "./graph-client";

/** A Graph client acting as `person` with exactly `permissions`, minted directly (fast). */
export async function graphAs(
  tenant: LocalTenant,
  person: PersonKey | string,
  permissions: string[],
): Promise<Client> {
  const { accessToken } = await tenant.issueToken({
    user: person,
    audience: "graph",
    scopes: permissions,
  });
  return graphClient(tenant, accessToken);
}
