import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/** graph-contract lives beside the clone: `<repo>/../shared/graph-contract` (CI has it there too). */
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const GRAPH_CONTRACT = path.resolve(repositoryRoot, "../shared/graph-contract");
const SCHEMA_FOLDER = path.join(GRAPH_CONTRACT, "jsonschema-kiota-style");
const ID_PREFIX = "https://graph-contract.local/";
const REF_PREFIX = "#/components/schemas/";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function loadRawSchemas(): Map<string, JsonObject> {
  const schemas = new Map<string, JsonObject>();
  for (const file of readdirSync(SCHEMA_FOLDER).filter((name) => name.endsWith(".json"))) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_FOLDER, file), "utf8")) as JsonObject;
    const id = String(schema.$id ?? "");
    schemas.set(id.startsWith(REF_PREFIX) ? id.slice(REF_PREFIX.length) : file, schema);
  }
  return schemas;
}

/**
 * Turns a Kiota-style OpenAPI schema into one Ajv validates the way real Graph answers look:
 * - `required: ["@odata.type"]` is dropped: the generator adds it for its discriminators, but Graph
 *   omits `@odata.type` on ordinary entities (graph-contract/doc-examples have none).
 * - `$ref`s to schemas not in the folder become `{}` (anything), known ones point at our copies.
 * - `discriminator` and `x-ms-*` are OpenAPI annotations Ajv does not need; `nullable` Ajv understands.
 */
function adapt(node: Json, known: Set<string>): Json {
  if (Array.isArray(node)) return node.map((item) => adapt(item, known));
  if (!isObject(node)) return node;
  if (typeof node.$ref === "string") {
    const name = node.$ref.startsWith(REF_PREFIX) ? node.$ref.slice(REF_PREFIX.length) : node.$ref;
    return known.has(name) ? { $ref: `${ID_PREFIX}${name}` } : {};
  }
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema" || key === "$id" || key === "discriminator" || key.startsWith("x-ms-"))
      continue;
    if (key === "required" && Array.isArray(value)) {
      const required = value.filter((name) => name !== "@odata.type");
      if (required.length > 0) result.required = required;
      continue;
    }
    result[key] = adapt(value, known);
  }
  return result;
}

function buildValidator() {
  const raw = loadRawSchemas();
  const known = new Set(raw.keys());
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("int32", true);
  ajv.addFormat("int64", true);
  for (const [name, schema] of raw) {
    const adapted = adapt(schema, known) as JsonObject;
    if (name === "microsoft.graph.ODataErrors.InnerError") {
      // The generator gives innerError.date the date-time pattern with a mandatory zone, but Graph sends
      // it without one ("2020-08-18T12:51:51" in doc-examples/error-429-throttling-example.http,
      // docs/graph-behaviour.md#error-responses "Errors"): accept both.
      const properties = adapted.properties as JsonObject;
      properties.date = {
        type: "string",
        nullable: true,
        pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?$",
      };
    }
    ajv.addSchema({ ...adapted, $id: `${ID_PREFIX}${name}` });
  }
  // No userCollectionResponse / directoryObjectCollectionResponse in the folder: composed the way
  // invitationCollectionResponse is.
  const collectionOf = (item: string) => ({
    allOf: [
      { $ref: `${ID_PREFIX}BaseCollectionPaginationCountResponse` },
      {
        type: "object",
        required: ["value"],
        properties: { value: { type: "array", items: { $ref: `${ID_PREFIX}${item}` } } },
      },
    ],
  });
  ajv.addSchema({ $id: `${ID_PREFIX}userCollection`, ...collectionOf("microsoft.graph.user") });
  ajv.addSchema({
    $id: `${ID_PREFIX}directoryObjectCollection`,
    ...collectionOf("microsoft.graph.directoryObject"),
  });
  return { ajv, raw };
}

const { ajv, raw } = buildValidator();

/** A response body whose shape a schema already checked at run time; tests read it freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a static type would duplicate graph-contract
export type CheckedBody = any;

export type SchemaName =
  | "microsoft.graph.invitation"
  | "microsoft.graph.user"
  | "microsoft.graph.ODataErrors.ODataError"
  | "ODataCountResponse"
  | "userCollection"
  | "directoryObjectCollection";

const compiled = new Map<string, ValidateFunction>();

/** Declared property names of a schema, following its allOf chain (entity → directoryObject → user). */
function declaredProperties(name: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  const schema = raw.get(name);
  if (!schema || seen.has(name)) return names;
  seen.add(name);
  const visit = (node: Json | undefined) => {
    if (!isObject(node)) return;
    if (typeof node.$ref === "string" && node.$ref.startsWith(REF_PREFIX)) {
      for (const inherited of declaredProperties(node.$ref.slice(REF_PREFIX.length), seen))
        names.add(inherited);
    }
    if (isObject(node.properties))
      for (const property of Object.keys(node.properties)) names.add(property);
    if (Array.isArray(node.allOf)) node.allOf.forEach(visit);
  };
  visit(schema);
  return names;
}

/** Throws with Ajv's messages when `body` does not match the named graph-contract schema. */
export function assertMatchesSchema(name: SchemaName, body: unknown): void {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.getSchema(`${ID_PREFIX}${name}`);
    if (!validate) throw new Error(`No schema ${name}`);
    compiled.set(name, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `Body does not match ${name}: ${ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}

/**
 * The schemas allow extra properties; Graph never sends undeclared ones, so neither may the tenant.
 * Annotations (`@odata.*`) are always allowed.
 */
export function assertOnlyDeclaredProperties(
  typeName: "microsoft.graph.invitation" | "microsoft.graph.user",
  body: Record<string, unknown>,
): void {
  const declared = declaredProperties(typeName);
  const undeclared = Object.keys(body).filter((key) => !key.startsWith("@") && !declared.has(key));
  if (undeclared.length > 0)
    throw new Error(`${typeName} has undeclared properties: ${undeclared.join(", ")}`);
}

/** Graph's error body, validated, with the fields a test asserts on. */
export function assertGraphError(body: unknown): { code: string; message: string } {
  assertMatchesSchema("microsoft.graph.ODataErrors.ODataError", body);
  const error = (
    body as { error: { code: string; message: string; innerError?: Record<string, unknown> } }
  ).error;
  const inner = error.innerError ?? {};
  if (typeof inner["request-id"] !== "string" || typeof inner["client-request-id"] !== "string") {
    throw new Error(`innerError lacks request ids: ${JSON.stringify(inner)}`);
  }
  if (typeof inner.date !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(inner.date)) {
    throw new Error(`innerError.date must have no time zone: ${String(inner.date)}`);
  }
  return error;
}
