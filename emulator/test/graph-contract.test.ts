import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  GRAPH_CONTRACT,
  assertGraphError,
  assertMatchesSchema,
  assertOnlyDeclaredProperties,
} from "./helpers/graph-schemas";

// The validator itself must accept Microsoft's own examples and refuse obvious mistakes.
describe("graph-contract validator", () => {
  const example = (name: string) =>
    JSON.parse(readFileSync(path.join(GRAPH_CONTRACT, "doc-examples", name), "utf8"));

  it("accepts the documented invitation responses", () => {
    for (const name of [
      "invitation-post-201-example1.json",
      "invitation-post-201-example2-resetRedemption.json",
    ]) {
      const body = example(name);
      assertMatchesSchema("microsoft.graph.invitation", body);
      assertOnlyDeclaredProperties("microsoft.graph.invitation", body);
    }
  });

  it("accepts the documented 429 error (date without a time zone)", () => {
    const text = readFileSync(
      path.join(GRAPH_CONTRACT, "doc-examples", "error-429-throttling-example.http"),
      "utf8",
    );
    const body = JSON.parse(text.slice(text.indexOf("{")));
    assertMatchesSchema("microsoft.graph.ODataErrors.ODataError", body);
  });

  it("refuses wrong types and undeclared properties", () => {
    expect(() =>
      assertMatchesSchema("microsoft.graph.invitation", { id: "x", sendInvitationMessage: "yes" }),
    ).toThrow();
    expect(() =>
      assertMatchesSchema("microsoft.graph.user", { id: "x", otherMails: "a@b.c" }),
    ).toThrow();
    expect(() =>
      assertMatchesSchema("microsoft.graph.ODataErrors.ODataError", { error: { message: "m" } }),
    ).toThrow();
    expect(() =>
      assertOnlyDeclaredProperties("microsoft.graph.user", { id: "x", nickname: "y" }),
    ).toThrow();
    expect(() =>
      assertGraphError({
        error: {
          code: "c",
          message: "m",
          innerError: { date: "2020-01-01T00:00:00Z", "request-id": "r", "client-request-id": "c" },
        },
      }),
    ).toThrow();
  });
});
