import type { UserRecord } from "../store/user-record";
import { graphErrors } from "./graph-error";
import { canonicalUserProperty, userPropertyValue } from "./user-properties";

const SEARCHABLE = new Set([
  "displayName",
  "givenName",
  "surname",
  "mail",
  "userPrincipalName",
  "mailNickname",
  "otherMails",
  "jobTitle",
]);

export type SearchPredicate = (user: UserRecord) => boolean;

function invalidSearch(search: string) {
  return graphErrors.badRequest(
    `Invalid $search clause '${search}'. Use quoted "property:value" clauses joined by AND or OR.`,
    "Request_BadRequest",
  );
}

/** Directory search is token-based: a term matches the start of the value or of any word in it. */
function matchesTerm(value: unknown, term: string): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.some((item) => {
    if (typeof item !== "string") return false;
    const lowered = item.toLowerCase();
    if (lowered.startsWith(term)) return true;
    return lowered.split(/[\s._@\-,]+/).some((word) => word.startsWith(term));
  });
}

/** Parses `"displayName:ann" OR "mail:ann@"` into a predicate. */
export function parseSearch(search: string): SearchPredicate {
  const clause = /^\s*"([^":]+):([^"]*)"\s*/;
  let rest = search;
  const clauses: { property: string; term: string }[] = [];
  const connectors: ("AND" | "OR")[] = [];
  for (;;) {
    const match = clause.exec(rest);
    if (!match) throw invalidSearch(search);
    const property = canonicalUserProperty(match[1]!.trim());
    if (!property || !SEARCHABLE.has(property)) {
      throw graphErrors.unsupportedQuery(
        `Unsupported or invalid $search property '${match[1]!.trim()}' for resource 'User'.`,
      );
    }
    clauses.push({ property, term: match[2]!.trim().toLowerCase() });
    rest = rest.slice(match[0].length);
    if (rest.trim() === "") break;
    const connector = /^(AND|OR)\s+/.exec(rest);
    if (!connector) throw invalidSearch(search);
    connectors.push(connector[1] as "AND" | "OR");
    rest = rest.slice(connector[0].length);
  }
  // AND binds tighter than OR, as in OData.
  const groups: { property: string; term: string }[][] = [[]];
  clauses.forEach((item, index) => {
    if (index > 0 && connectors[index - 1] === "OR") groups.push([]);
    groups[groups.length - 1]!.push(item);
  });
  return (user) =>
    groups.some((group) =>
      group.every(({ property, term }) => matchesTerm(userPropertyValue(user, property), term)),
    );
}
