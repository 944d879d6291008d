import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { CALL_ERROR_CODES } from "@/components/server-action/call-error";
import en from "@/messages/en.json";
import es from "@/messages/es.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

const english = flatten(en);
const spanish = flatten(es);

function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const visit = (elements: unknown[]) => {
    for (const element of elements as {
      type: number;
      value?: string;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (element.value && element.type !== 0 && element.type !== 7) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) visit(option.value);
    }
  };
  visit(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}

describe("messages", () => {
  it("has the same keys in English and Spanish", () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("uses the same placeholders in both languages, and every message parses", () => {
    for (const [key, text] of english) {
      expect(placeholders(spanish.get(key) ?? "", "es"), key).toEqual(placeholders(text, "en"));
    }
  });

  it("translates every error code an action call can end in, in both languages", () => {
    for (const code of CALL_ERROR_CODES) {
      expect(english.has(`errors.${code}`), code).toBe(true);
      expect(spanish.has(`errors.${code}`), code).toBe(true);
    }
  });

  it("translates every validation key the shared schemas can produce", () => {
    const folder = join(process.cwd(), "lib", "invitations");
    const source = readdirSync(folder)
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .map((file) => readFileSync(join(folder, file), "utf8"))
      .join("\n");
    const keys = new Set(source.match(/validation(?:\.[A-Za-z]+)+/g));
    // The server's fallbacks for issues that carry zod's own text (lib/server-action/field-errors.ts).
    keys.add("validation.required").add("validation.invalid");
    expect(keys.size).toBeGreaterThan(10);
    for (const key of keys) expect(english.has(key), key).toBe(true);
  });
});
