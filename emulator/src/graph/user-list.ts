import type { FastifyRequest } from "fastify";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { graphErrors } from "./graph-error";
import { parseFilter } from "./odata-filter";
import { originOf } from "../http/request-context";
import { isEventuallyConsistent, queryWithout, systemQueryOptions } from "./query-options";
import { compileUserFilter } from "./user-filter";
import {
  assertReadable,
  parseExpand,
  parseSelect,
  projectUser,
  usersContext,
  type Projection,
  type UserAccess,
} from "./user-projection";
import { canonicalUserProperty, userPropertyValue } from "./user-properties";
import { parseSearch } from "./user-search";
import { EXPAND_PAGE_LIMIT, checkListQuery, countNeedsHeader } from "./advanced-query";

const LIST_OPTIONS = [
  "$filter",
  "$select",
  "$top",
  "$skiptoken",
  "$count",
  "$search",
  "$orderby",
  "$expand",
  "$format",
];
const DEFAULT_PAGE_SIZE = 100;

type PageToken = { after: number } | { offset: number };
type Order = { property: string; descending: boolean };

const pageTokenError = () =>
  graphErrors.badRequest(
    "The specified page token value has expired and can no longer be included in your request.",
    "Directory_ExpiredPageToken",
  );

function encodePageToken(token: PageToken): string {
  return `RFNwdAIAAQAAA${Buffer.from(JSON.stringify(token)).toString("base64url")}`;
}

function decodePageToken(value: string): PageToken {
  try {
    if (!value.startsWith("RFNwdAIAAQAAA")) throw pageTokenError();
    const parsed = JSON.parse(Buffer.from(value.slice(13), "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    if (typeof parsed.after === "number" && Number.isInteger(parsed.after))
      return { after: parsed.after };
    if (typeof parsed.offset === "number" && Number.isInteger(parsed.offset) && parsed.offset >= 0)
      return { offset: parsed.offset };
  } catch {
    // fall through: any token we did not make is an expired token to Graph
  }
  throw pageTokenError();
}

function parseTop(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^-?\d+$/.test(value.trim())) {
    throw graphErrors.badRequest(
      `Invalid value '${value}' for $top query option found. The $top query option requires a non-negative integer value.`,
    );
  }
  const top = Number(value);
  if (top < 1 || top > 999) {
    throw graphErrors.badRequest(
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
      "Request_BadRequest",
    );
  }
  return top;
}

function parseCount(value: string | undefined): boolean {
  if (value === undefined) return false;
  const lowered = value.trim().toLowerCase();
  if (lowered !== "true" && lowered !== "false") {
    throw graphErrors.badRequest(
      `Invalid value '${value}' for $count query option found. Valid values are 'true' and 'false'.`,
    );
  }
  return lowered === "true";
}

function parseOrderBy(value: string | undefined): Order[] {
  if (value === undefined || value.trim() === "") return [];
  return value.split(",").map((clause) => {
    const [name = "", direction = "asc", ...extra] = clause.trim().split(/\s+/);
    const property = canonicalUserProperty(name);
    if (!property)
      throw graphErrors.badRequest(
        `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
      );
    const loweredDirection = direction.toLowerCase();
    if (extra.length > 0 || (loweredDirection !== "asc" && loweredDirection !== "desc")) {
      throw graphErrors.badRequest(`Syntax error at position ${clause.length} in '${value}'.`);
    }
    return { property, descending: loweredDirection === "desc" };
  });
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: false });

function compareUsers(order: Order): (a: UserRecord, b: UserRecord) => number {
  return (a, b) => {
    const left = userPropertyValue(a, order.property);
    const right = userPropertyValue(b, order.property);
    if (left == null && right == null) return a.sequence - b.sequence;
    if (left == null) return 1;
    if (right == null) return -1;
    const result = collator.compare(String(left), String(right));
    return (order.descending ? -result : result) || a.sequence - b.sequence;
  };
}

/** GET /users: Graph's query rules (docs/graph-behaviour.md#advanced-queries, "Pending invitations = pending guest users"). */
export function listUsers(request: FastifyRequest, tenant: TenantState, access: UserAccess) {
  const options = systemQueryOptions(request, LIST_OPTIONS);
  const eventual = isEventuallyConsistent(request);
  const top = parseTop(options.get("$top"));
  const count = parseCount(options.get("$count"));
  const projection: Projection = {
    select: parseSelect(options.get("$select")),
    expandSponsors: parseExpand(options.get("$expand")),
  };
  const filterText = options.get("$filter");
  const filter =
    filterText !== undefined && filterText.trim() !== ""
      ? compileUserFilter(parseFilter(filterText))
      : null;
  const searchText = options.get("$search");
  const search =
    searchText !== undefined && searchText.trim() !== "" ? parseSearch(searchText) : null;
  const orderBy = parseOrderBy(options.get("$orderby"));
  const token = options.has("$skiptoken") ? decodePageToken(options.get("$skiptoken") ?? "") : null;

  const { reportCount } = checkListQuery({
    eventual,
    count,
    search: search !== null,
    expand: projection.expandSponsors !== null,
    filtered: filter !== null,
    advancedOperator: filter?.advancedOperator ?? null,
    orderBy: orderBy.map((item) => item.property),
  });
  const order = orderBy[0];
  // A page with $expand holds at most 100 objects, whatever $top asks for [doc].
  const pageSize = projection.expandSponsors ? Math.min(top, EXPAND_PAGE_LIMIT) : top;
  assertReadable(tenant, access, [...(projection.select ?? []), ...(filter?.properties ?? [])]);

  const visible = (user: UserRecord) =>
    (!filter || filter.matches(user)) && (!search || search(user));
  const page: UserRecord[] = [];
  let nextToken: PageToken | null = null;
  let total: number | null = null;

  if (!order && !search) {
    // Default order: insertion order, resumable by sequence number even while users are added.
    const users = tenant.users.all();
    const after = token && "after" in token ? token.after : 0;
    if (token && "offset" in token) throw pageTokenError();
    let index = tenant.users.indexAfterSequence(after);
    for (; index < users.length; index++) {
      const user = users[index]!;
      if (!visible(user)) continue;
      if (page.length === pageSize) {
        nextToken = { after: page[page.length - 1]!.sequence };
        break;
      }
      page.push(user);
    }
    if (reportCount && !token) total = filter ? users.filter(visible).length : users.length;
  } else {
    const matches = tenant.users.all().filter(visible);
    if (order) matches.sort(compareUsers(order));
    const offset = token && "offset" in token ? token.offset : 0;
    if (token && "after" in token) throw pageTokenError();
    page.push(...matches.slice(offset, offset + pageSize));
    if (offset + pageSize < matches.length) nextToken = { offset: offset + pageSize };
    if (reportCount && !token) total = matches.length;
  }

  const rest = queryWithout(request, "$skiptoken");
  return {
    "@odata.context": usersContext(originOf(request, tenant), projection, false),
    ...(total !== null ? { "@odata.count": total } : {}),
    ...(nextToken
      ? {
          "@odata.nextLink": `${originOf(request, tenant)}/v1.0/users?${rest ? `${rest}&` : ""}$skiptoken=${encodePageToken(nextToken)}`,
        }
      : {}),
    value: page.map((user) => projectUser(tenant, user, projection, access)),
  };
}

/** GET /users/$count: a plain number, advanced query only. */
export function countUsers(request: FastifyRequest, tenant: TenantState): number {
  const options = systemQueryOptions(request, ["$filter", "$search"]);
  if (!isEventuallyConsistent(request)) throw countNeedsHeader();
  const filterText = options.get("$filter");
  const filter = filterText ? compileUserFilter(parseFilter(filterText)) : null;
  const searchText = options.get("$search");
  const search = searchText ? parseSearch(searchText) : null;
  return tenant.users
    .all()
    .filter((user) => (!filter || filter.matches(user)) && (!search || search(user))).length;
}
