import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import { PAGE_NAMESPACES, SHARED_CLIENT_NAMESPACES, pickNamespaces } from "./client-messages";

describe("messages sent to the browser", () => {
  it("keeps only the namespaces asked for", () => {
    const picked = pickNamespaces(en, ["invite", "common"]);
    expect(Object.keys(picked).sort()).toEqual(["common", "invite"]);
    expect(picked.invite).toBe(en.invite);
  });

  it("skips a namespace the messages do not have", () => {
    expect(pickNamespaces({ common: en.common }, ["common", "bulk"])).toEqual({
      common: en.common,
    });
  });

  it.each([
    ["en", en],
    ["es", es],
  ])(
    "classifies every namespace of %s as shared or one page's, so none goes missing",
    (_, messages) => {
      const classified = [...SHARED_CLIENT_NAMESPACES, ...Object.values(PAGE_NAMESPACES).flat()];
      expect([...classified].sort()).toEqual(Object.keys(messages).sort());
      expect(new Set(classified).size).toBe(classified.length);
    },
  );

  it("sends the invite page neither the pending, history nor bulk texts", () => {
    const invitePage = pickNamespaces(en, [...SHARED_CLIENT_NAMESPACES, ...PAGE_NAMESPACES.invite]);
    expect(Object.keys(invitePage)).not.toContain("pending");
    expect(Object.keys(invitePage)).not.toContain("bulk");
    expect(JSON.stringify(invitePage).length).toBeLessThan(JSON.stringify(en).length / 2);
  });
});
