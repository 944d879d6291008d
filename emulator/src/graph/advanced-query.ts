import { graphErrors } from "./graph-error";

/**
 * Graph's rules for advanced queries on users ("Advanced query capabilities on Microsoft Entra ID
 * objects"), each with the words Graph answers in (README, "Behaviour and its source").
 */

/** `$orderby` on users: these two by default, `createdDateTime` only in an advanced query [doc]. */
const DEFAULT_ORDERABLE = new Set(["displayName", "userPrincipalName"]);
const ADVANCED_ORDERABLE = new Set([...DEFAULT_ORDERABLE, "createdDateTime"]);

/** `$expand` on directory objects holds at most this many objects per page, whatever `$top` says [doc]. */
export const EXPAND_PAGE_LIMIT = 100;

export const SEARCH_NEEDS_HEADER =
  "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

export type ListQueryShape = {
  /** `ConsistencyLevel: eventual` was sent. */
  eventual: boolean;
  /** `$count=true`. */
  count: boolean;
  search: boolean;
  expand: boolean;
  filtered: boolean;
  /** The first operator of `$filter` that only advanced queries support, or null. */
  advancedOperator: string | null;
  orderBy: string[];
};

const unsupportedSort = (property: string) =>
  graphErrors.unsupportedQuery(`Unsupported sort property '${property}' for 'User'.`);

/**
 * Refuses what Graph refuses on GET /users. Returns whether `@odata.count` is reported: without the
 * header Graph ignores `$count=true` silently [doc].
 */
export function checkListQuery(shape: ListQueryShape): { reportCount: boolean } {
  // The advanced query parameters: the header and, except with $search, $count=true [doc].
  const advanced = shape.eventual && (shape.count || shape.search);
  if (shape.search && !shape.eventual) throw graphErrors.unsupportedQuery(SEARCH_NEEDS_HEADER);
  // "$expand is not currently supported with advanced queries" [doc]; Graph says so in its $search
  // message even when $search is not the problem [seen].
  if (shape.expand && shape.eventual) throw graphErrors.unsupportedQuery(SEARCH_NEEDS_HEADER);
  if (shape.advancedOperator && !advanced) {
    throw graphErrors.unsupportedQuery(
      `Operator '${shape.advancedOperator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
    );
  }
  if (shape.orderBy.length > 1)
    throw graphErrors.unsupportedQuery("Sorting on more than one property is not supported.");
  const order = shape.orderBy[0];
  if (order !== undefined) {
    if (!ADVANCED_ORDERABLE.has(order)) throw unsupportedSort(order);
    if (!advanced && !DEFAULT_ORDERABLE.has(order)) throw unsupportedSort(order);
    // Filtering and sorting together is an advanced query [doc], refused in these words [seen].
    if (!advanced && shape.filtered)
      throw graphErrors.unsupportedQuery("Sorting not supported for current query.");
  }
  return { reportCount: shape.count && shape.eventual };
}

/** The answer to GET /users/$count without the header [doc]. */
export const countNeedsHeader = () =>
  graphErrors.badRequest("$count is not currently supported.", "Request_BadRequest");
