import type { ObjectIdentity, UserRecord } from "../store/user-record";
import { graphErrors } from "./graph-error";
import type { FilterNode, Literal, Operand, PropertyPath } from "./odata-filter";
import { canonicalUserProperty, userPropertyValue } from "./user-properties";

type PropertyType = "string" | "dateTime" | "boolean" | "stringCollection" | "identityCollection";

/** Properties of microsoft.graph.user that support `$filter` in the local tenant. */
const FILTERABLE: Record<string, PropertyType> = {
  id: "string",
  displayName: "string",
  givenName: "string",
  surname: "string",
  mail: "string",
  mailNickname: "string",
  userPrincipalName: "string",
  userType: "string",
  externalUserState: "string",
  externalUserStateChangeDateTime: "dateTime",
  createdDateTime: "dateTime",
  creationType: "string",
  accountEnabled: "boolean",
  jobTitle: "string",
  department: "string",
  companyName: "string",
  officeLocation: "string",
  preferredLanguage: "string",
  usageLocation: "string",
  mobilePhone: "string",
  otherMails: "stringCollection",
  proxyAddresses: "stringCollection",
  businessPhones: "stringCollection",
  identities: "identityCollection",
};
const IDENTITY_FIELDS = new Set(["issuer", "issuerAssignedId", "signInType"]);
const ENDSWITH_PROPERTIES = new Set([
  "mail",
  "userPrincipalName",
  "otherMails",
  "proxyAddresses",
  "displayName",
]);

export type CompiledFilter = {
  matches: (user: UserRecord) => boolean;
  /** Uses `ne`, `not`, `endswith` or null comparisons: needs ConsistencyLevel eventual and $count=true. */
  advanced: boolean;
  /** The first advanced-only operator, as Graph names it in its refusal (`endsWith`, `ne`, `not`, `eq`). */
  advancedOperator: string | null;
  properties: Set<string>;
};

type Scope = Map<string, unknown>;
type Evaluate = (user: UserRecord, scope: Scope) => unknown;
type Predicate = (user: UserRecord, scope: Scope) => boolean;
/** Lambda variables in scope: `x` in `otherMails/any(x: …)` stands for an item of `otherMails`. */
type Variables = Map<string, { type: PropertyType; collection: string }>;

const unsupportedProperty = (name: string) =>
  graphErrors.unsupportedQuery(
    `Unsupported or invalid query filter clause specified for property '${name}' of resource 'User'.`,
  );

const EDM: Record<string, string> = {
  string: "Edm.String",
  dateTime: "Edm.DateTimeOffset",
  boolean: "Edm.Boolean",
};
const OPERATOR_KIND: Record<string, string> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
};

function literalType(literal: Literal): string {
  if (literal.value === null) return "null";
  if (typeof literal.value === "boolean") return "boolean";
  if (typeof literal.value === "number") return "number";
  return /^\d{4}-\d{2}-\d{2}T/.test(literal.value) && !literal.value.includes(" ")
    ? "dateTimeLiteral"
    : "string";
}

const normalise = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

export function compileUserFilter(tree: FilterNode): CompiledFilter {
  let advancedOperator: string | null = null;
  const markAdvanced = (operator: string) => {
    advancedOperator ??= operator;
  };
  const properties = new Set<string>();

  function resolvePath(
    path: PropertyPath,
    variables: Variables,
  ): { evaluate: Evaluate; type: PropertyType | "identityField" } {
    const [head, ...rest] = path.segments;
    if (head === undefined) throw graphErrors.badRequest("Invalid filter clause.");
    const variable = variables.get(head);
    if (variable) {
      if (variable.type === "identityCollection") {
        const field = rest[0];
        if (rest.length !== 1 || !field || !IDENTITY_FIELDS.has(field)) {
          throw graphErrors.badRequest(
            `Could not find a property named '${rest.join("/")}' on type 'microsoft.graph.objectIdentity'.`,
          );
        }
        return {
          evaluate: (_user, scope) =>
            (scope.get(head) as ObjectIdentity)[field as keyof ObjectIdentity],
          type: "identityField",
        };
      }
      return { evaluate: (_user, scope) => scope.get(head), type: "string" };
    }
    if (rest.length > 0) throw unsupportedProperty(path.segments.join("/"));
    const name = canonicalUserProperty(head);
    if (!name)
      throw graphErrors.badRequest(
        `Could not find a property named '${head}' on type 'microsoft.graph.user'.`,
      );
    const type = FILTERABLE[name];
    if (!type) throw unsupportedProperty(name);
    properties.add(name);
    return { evaluate: (user) => userPropertyValue(user, name), type };
  }

  function comparison(
    node: Extract<FilterNode, { kind: "compare" }>,
    variables: Variables,
  ): Predicate {
    const { operator } = node;
    let { left, right } = node;
    if (left.kind === "literal" && right.kind === "path") [left, right] = [right, left];
    if (left.kind !== "path" || right.kind !== "literal")
      throw unsupportedProperty(describe(node.left));
    const { evaluate, type } = resolvePath(left, variables);
    if (type === "stringCollection" || type === "identityCollection")
      throw unsupportedProperty(left.segments.join("/"));
    const literal = right;
    const given = literalType(literal);
    if (operator === "ne") markAdvanced("ne");
    if (given === "null") {
      markAdvanced(operator);
      if (operator !== "eq" && operator !== "ne")
        throw unsupportedProperty(left.segments.join("/"));
      return operator === "eq"
        ? (user, scope) => evaluate(user, scope) == null
        : (user, scope) => evaluate(user, scope) != null;
    }
    const compatible =
      (type === "boolean" && given === "boolean") ||
      (type === "dateTime" && given === "dateTimeLiteral") ||
      ((type === "string" || type === "identityField") && given === "string");
    if (!compatible) {
      const found =
        given === "dateTimeLiteral"
          ? "Edm.DateTimeOffset"
          : given === "number"
            ? "Edm.Int32"
            : (EDM[given] ?? "Edm.String");
      throw graphErrors.badRequest(
        `A binary operator with incompatible types was detected. Found operand types '${EDM[type] ?? "Edm.String"}' and '${found}' for operator kind '${OPERATOR_KIND[operator]}'.`,
      );
    }
    const expected =
      type === "dateTime" ? Date.parse(literal.value as string) : normalise(literal.value);
    const read: Evaluate =
      type === "dateTime"
        ? (user, scope) => {
            const value = evaluate(user, scope);
            return typeof value === "string" ? Date.parse(value) : null;
          }
        : (user, scope) => normalise(evaluate(user, scope));
    switch (operator) {
      case "eq":
        return (user, scope) => read(user, scope) === expected;
      case "ne":
        return (user, scope) => read(user, scope) !== expected;
      default: {
        const test = (value: unknown) => {
          if (value === null || value === undefined || expected === null) return false;
          const a = value as string | number;
          const b = expected as string | number;
          return operator === "gt"
            ? a > b
            : operator === "ge"
              ? a >= b
              : operator === "lt"
                ? a < b
                : a <= b;
        };
        return (user, scope) => test(read(user, scope));
      }
    }
  }

  function compile(node: FilterNode, variables: Variables): Predicate {
    switch (node.kind) {
      case "and": {
        const left = compile(node.left, variables);
        const right = compile(node.right, variables);
        return (user, scope) => left(user, scope) && right(user, scope);
      }
      case "or": {
        const left = compile(node.left, variables);
        const right = compile(node.right, variables);
        return (user, scope) => left(user, scope) || right(user, scope);
      }
      case "not": {
        markAdvanced("not");
        const operand = compile(node.operand, variables);
        return (user, scope) => !operand(user, scope);
      }
      case "compare":
        return comparison(node, variables);
      case "in": {
        if (node.left.kind !== "path") throw unsupportedProperty("in");
        const { evaluate } = resolvePath(node.left, variables);
        const values = new Set(node.values.map((literal) => normalise(literal.value)));
        return (user, scope) => values.has(normalise(evaluate(user, scope)));
      }
      case "function": {
        if (node.target.kind !== "path" || typeof node.value.value !== "string")
          throw unsupportedProperty(node.name);
        const { evaluate, type } = resolvePath(node.target, variables);
        if (type !== "string" && type !== "identityField")
          throw unsupportedProperty(node.target.segments.join("/"));
        const head = node.target.segments[0] ?? "";
        const property = variables.get(head)?.collection ?? canonicalUserProperty(head) ?? head;
        if (node.name === "endswith") {
          markAdvanced("endsWith");
          if (!ENDSWITH_PROPERTIES.has(property)) throw unsupportedProperty(property);
        }
        const needle = node.value.value.toLowerCase();
        return node.name === "startswith"
          ? (user, scope) =>
              String(evaluate(user, scope) ?? "")
                .toLowerCase()
                .startsWith(needle) && evaluate(user, scope) != null
          : (user, scope) =>
              String(evaluate(user, scope) ?? "")
                .toLowerCase()
                .endsWith(needle) && evaluate(user, scope) != null;
      }
      case "lambda": {
        const name = canonicalUserProperty(node.collection);
        if (!name)
          throw graphErrors.badRequest(
            `Could not find a property named '${node.collection}' on type 'microsoft.graph.user'.`,
          );
        const type = FILTERABLE[name];
        if (type !== "stringCollection" && type !== "identityCollection")
          throw unsupportedProperty(name);
        properties.add(name);
        if (node.quantifier === "all") throw unsupportedProperty(name);
        const inner = new Map(variables);
        inner.set(node.variable, { type, collection: name });
        const body = compile(node.body, inner);
        return (user, scope) => {
          const items = userPropertyValue(user, name) as unknown[];
          return items.some((item) => {
            const nested = new Map(scope);
            nested.set(node.variable, item);
            return body(user, nested);
          });
        };
      }
    }
  }

  const predicate = compile(tree, new Map());
  const empty: Scope = new Map();
  return {
    matches: (user) => predicate(user, empty),
    advanced: advancedOperator !== null,
    advancedOperator,
    properties,
  };
}

function describe(operand: Operand): string {
  return operand.kind === "path" ? operand.segments.join("/") : String(operand.value);
}
