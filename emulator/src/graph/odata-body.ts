import { GraphError, graphErrors } from "./graph-error";

/** A declared property of an OData type, enough to read a request body the way Graph's OData reader does. */
export type FieldSpec =
  | { kind: "string" | "boolean"; nullable: boolean; edmType?: string }
  | {
      kind: "object";
      type: string;
      fields: Record<string, FieldSpec>;
      nullable: boolean;
      openFields?: Set<string>;
    }
  | { kind: "array"; items: FieldSpec }
  | { kind: "any" };

const nodeKind = (value: unknown) =>
  Array.isArray(value)
    ? "StartArray"
    : value !== null && typeof value === "object"
      ? "StartObject"
      : "PrimitiveValue";

const unexpectedNode = (value: unknown, expected: string) =>
  graphErrors.badRequest(
    `An unexpected '${nodeKind(value)}' node was found when reading from the JSON reader. A '${expected}' node was expected.`,
  );

/** Parses a JSON body text; anything unreadable gets Graph's payload error. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === "") throw graphErrors.unreadablePayload();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw graphErrors.unreadablePayload();
  }
}

/** Reads `value` against `spec`; throws the OData reader's errors for unknown properties and wrong types. */
export function readField(value: unknown, spec: FieldSpec, propertyName: string): unknown {
  if (spec.kind === "any") return value;
  if (value === null) {
    if (spec.kind === "array") throw unexpectedNode(value, "StartArray");
    if (!spec.nullable) {
      const edm =
        spec.kind === "object"
          ? spec.type
          : (spec.edmType ?? (spec.kind === "string" ? "Edm.String" : "Edm.Boolean"));
      throw graphErrors.badRequest(
        `A null value was found for the property named '${propertyName}', which has the expected type '${edm}[Nullable=False]'. The expected type '${edm}[Nullable=False]' does not allow null values.`,
      );
    }
    return null;
  }
  switch (spec.kind) {
    case "string":
      if (typeof value === "object") throw unexpectedNode(value, "PrimitiveValue");
      if (typeof value !== "string") {
        throw graphErrors.badRequest(
          "Cannot convert a primitive value to the expected type 'Edm.String'. See the inner exception for more details.",
        );
      }
      return value;
    case "boolean":
      if (typeof value === "object") throw unexpectedNode(value, "PrimitiveValue");
      if (typeof value !== "boolean") {
        throw graphErrors.badRequest(
          `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Boolean'.`,
        );
      }
      return value;
    case "array":
      if (!Array.isArray(value)) throw unexpectedNode(value, "StartArray");
      return value.map((item) => readField(item, spec.items, propertyName));
    case "object":
      return readObject(value, spec);
  }
}

export function readObject(
  value: unknown,
  spec: Extract<FieldSpec, { kind: "object" }>,
): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw unexpectedNode(value, "StartObject");
  const result: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    if (name.includes("@")) {
      if (
        name === "@odata.type" &&
        typeof item === "string" &&
        item.replace(/^#/, "") !== spec.type
      ) {
        throw graphErrors.badRequest(
          `A type named '${item.replace(/^#/, "")}' could not be resolved by the model. When a model is available, each type name must resolve to a valid type.`,
        );
      }
      continue;
    }
    const field = spec.fields[name];
    if (!field) {
      if (spec.openFields?.has(name)) continue;
      throw graphErrors.unknownProperty(name, spec.type);
    }
    result[name] = readField(item, field, name);
  }
  return result;
}

export function isGraphError(error: unknown): error is GraphError {
  return error instanceof GraphError;
}
