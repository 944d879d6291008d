import { graphErrors } from "./graph-error";

/** The `$filter` subset the local tenant understands, as a syntax tree. */
export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode }
  | { kind: "compare"; operator: ComparisonOperator; left: Operand; right: Operand }
  | { kind: "in"; left: Operand; values: Literal[] }
  | { kind: "function"; name: "startswith" | "endswith"; target: Operand; value: Literal }
  | {
      kind: "lambda";
      collection: string;
      quantifier: "any" | "all";
      variable: string;
      body: FilterNode;
    };

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type Literal = { kind: "literal"; value: string | number | boolean | null };
/** A property path: `mail`, or inside a lambda `x` / `i/issuer`. */
export type PropertyPath = { kind: "path"; segments: string[] };
export type Operand = Literal | PropertyPath;

type Token =
  | { type: "string"; value: string; position: number }
  | { type: "word"; value: string; position: number }
  | { type: "number"; value: string; position: number }
  | { type: "punctuation"; value: "(" | ")" | "," | ":" | "/"; position: number };

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

function syntaxError(filter: string, position: number) {
  return graphErrors.badRequest(
    `Invalid filter clause: Syntax error at position ${position} in '${filter}'.`,
  );
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < filter.length) {
    const character = filter[index]!;
    if (/\s/.test(character)) {
      index++;
      continue;
    }
    if (character === "'") {
      let value = "";
      let cursor = index + 1;
      for (;;) {
        if (cursor >= filter.length)
          throw graphErrors.badRequest(
            `Invalid filter clause: There is an unterminated string literal at position ${index} in '${filter}'.`,
          );
        if (filter[cursor] === "'") {
          if (filter[cursor + 1] === "'") {
            value += "'";
            cursor += 2;
            continue;
          }
          break;
        }
        value += filter[cursor];
        cursor++;
      }
      tokens.push({ type: "string", value, position: index });
      index = cursor + 1;
      continue;
    }
    if ("(),:/".includes(character)) {
      tokens.push({
        type: "punctuation",
        value: character as "(" | ")" | "," | ":" | "/",
        position: index,
      });
      index++;
      continue;
    }
    const dateTime =
      /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/.exec(
        filter.slice(index),
      );
    if (dateTime && dateTime[0].length > 4) {
      tokens.push({ type: "number", value: dateTime[0], position: index });
      index += dateTime[0].length;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?/.exec(filter.slice(index));
    if (number) {
      tokens.push({ type: "number", value: number[0], position: index });
      index += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_$@][\w.$@-]*/.exec(filter.slice(index));
    if (word) {
      tokens.push({ type: "word", value: word[0], position: index });
      index += word[0].length;
      continue;
    }
    throw syntaxError(filter, index);
  }
  return tokens;
}

/** Parses an OData `$filter`; throws Graph's 400 for anything it cannot read. */
export function parseFilter(filter: string): FilterNode {
  const tokens = tokenize(filter);
  let cursor = 0;

  const peek = () => tokens[cursor];
  const fail = (): never => {
    throw syntaxError(filter, peek()?.position ?? filter.length);
  };
  const isPunctuation = (value: string) => {
    const token = peek();
    return token?.type === "punctuation" && token.value === value;
  };
  const expectPunctuation = (value: string) => {
    if (!isPunctuation(value)) fail();
    cursor++;
  };
  const isWord = (value: string) => {
    const token = peek();
    return token?.type === "word" && token.value.toLowerCase() === value;
  };

  function literal(): Literal | undefined {
    const token = peek();
    if (!token) return undefined;
    if (token.type === "string") {
      cursor++;
      return { kind: "literal", value: token.value };
    }
    if (token.type === "number") {
      cursor++;
      return {
        kind: "literal",
        value: /^-?\d+(?:\.\d+)?$/.test(token.value) ? Number(token.value) : token.value,
      };
    }
    if (token.type === "word" && ["null", "true", "false"].includes(token.value.toLowerCase())) {
      cursor++;
      const lowered = token.value.toLowerCase();
      return { kind: "literal", value: lowered === "null" ? null : lowered === "true" };
    }
    return undefined;
  }

  function path(): PropertyPath {
    const token = peek();
    if (token?.type !== "word") return fail();
    cursor++;
    const segments = [token.value];
    while (
      isPunctuation("/") &&
      tokens[cursor + 1]?.type === "word" &&
      !["any", "all"].includes(tokens[cursor + 1]!.value.toLowerCase())
    ) {
      cursor++;
      segments.push((tokens[cursor] as { value: string }).value);
      cursor++;
    }
    return { kind: "path", segments };
  }

  function operand(): Operand {
    return literal() ?? path();
  }

  function primary(): FilterNode {
    if (isPunctuation("(")) {
      cursor++;
      const inner = expression();
      expectPunctuation(")");
      return inner;
    }
    const token = peek();
    if (
      token?.type === "word" &&
      tokens[cursor + 1]?.type === "punctuation" &&
      (tokens[cursor + 1] as { value: string }).value === "("
    ) {
      const name = token.value.toLowerCase();
      if (name !== "startswith" && name !== "endswith") {
        throw graphErrors.unsupportedQuery(
          `Unsupported Query. The function '${token.value}' is not supported.`,
        );
      }
      cursor += 2;
      const target = operand();
      expectPunctuation(",");
      const value = literal() ?? fail();
      expectPunctuation(")");
      return { kind: "function", name, target, value };
    }
    const left = operand();
    if (left.kind === "path" && isPunctuation("/")) {
      cursor++;
      const quantifierToken = peek();
      const quantifier =
        quantifierToken?.type === "word" ? quantifierToken.value.toLowerCase() : "";
      if (quantifier !== "any" && quantifier !== "all") return fail();
      cursor++;
      expectPunctuation("(");
      const variableToken = peek();
      if (variableToken?.type !== "word") return fail();
      cursor++;
      expectPunctuation(":");
      const body = expression();
      expectPunctuation(")");
      return {
        kind: "lambda",
        collection: left.segments.join("/"),
        quantifier,
        variable: variableToken.value,
        body,
      };
    }
    const operatorToken = peek();
    if (operatorToken?.type !== "word") return fail();
    const operator = operatorToken.value.toLowerCase();
    cursor++;
    if (operator === "in") {
      expectPunctuation("(");
      const values: Literal[] = [];
      do {
        if (values.length > 0) cursor++;
        values.push(literal() ?? fail());
      } while (isPunctuation(","));
      expectPunctuation(")");
      return { kind: "in", left, values };
    }
    if (!COMPARISONS.has(operator)) return fail();
    return { kind: "compare", operator: operator as ComparisonOperator, left, right: operand() };
  }

  function unary(): FilterNode {
    if (isWord("not")) {
      cursor++;
      return { kind: "not", operand: unary() };
    }
    return primary();
  }

  function conjunction(): FilterNode {
    let left = unary();
    while (isWord("and")) {
      cursor++;
      left = { kind: "and", left, right: unary() };
    }
    return left;
  }

  function expression(): FilterNode {
    let left = conjunction();
    while (isWord("or")) {
      cursor++;
      left = { kind: "or", left, right: conjunction() };
    }
    return left;
  }

  if (tokens.length === 0) fail();
  const tree = expression();
  if (cursor < tokens.length) fail();
  return tree;
}
