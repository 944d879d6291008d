import { describe, expect, it } from "vitest";
import { searchDirectoryUsers } from "./users";
import {
  SCRIPTED_CALLER as caller,
  scriptedGraphForThisFile,
} from "@/test-support/scripted-graph-connection";

const { graph, connection } = scriptedGraphForThisFile();

describe("searchDirectoryUsers", () => {
  it("searches name, mail and UPN by prefix, members only, ten at most", async () => {
    graph.answer({
      status: 200,
      body: {
        value: [
          {
            id: "1",
            displayName: "Adele Vance",
            mail: "adele@contoso.com",
            userPrincipalName: "adele@contoso.com",
          },
          {
            id: "2",
            displayName: "Adam Guest",
            mail: "adam@fabrikam.com",
            userPrincipalName: "adam_fabrikam.com#EXT#@contoso.onmicrosoft.com",
          },
          {
            id: "3",
            displayName: null,
            mail: null,
            userPrincipalName: "admin@contoso.onmicrosoft.com",
          },
        ],
      },
    });
    const people = await searchDirectoryUsers(caller, "  Ad ", connection());
    expect(people).toEqual([
      {
        id: "1",
        displayName: "Adele Vance",
        mail: "adele@contoso.com",
        userPrincipalName: "adele@contoso.com",
      },
      {
        id: "3",
        displayName: "admin@contoso.onmicrosoft.com",
        userPrincipalName: "admin@contoso.onmicrosoft.com",
      },
    ]);
    const url = new URL(graph.received[0]?.url ?? "", graph.origin);
    expect(url.pathname).toBe("/v1.0/users");
    expect(url.searchParams.get("$filter")).toBe(
      "startswith(displayName,'Ad') or startswith(mail,'Ad') or startswith(userPrincipalName,'Ad')",
    );
    expect(url.searchParams.get("$select")).toBe("id,displayName,mail,userPrincipalName");
    expect(url.searchParams.get("$top")).toBe("10");
  });

  it("quotes and encodes the query so it stays one OData literal", async () => {
    graph.answer({ status: 200, body: { value: [] } });
    await searchDirectoryUsers(caller, "O'Brien & co+#", connection());
    const url = new URL(graph.received[0]?.url ?? "", graph.origin);
    expect(url.searchParams.get("$filter")).toContain("startswith(displayName,'O''Brien & co+#')");
    expect(url.searchParams.get("$top")).toBe("10");
  });

  it("does not call Graph for an empty query", async () => {
    expect(await searchDirectoryUsers(caller, "   ", connection())).toEqual([]);
    expect(graph.received).toHaveLength(0);
  });
});
