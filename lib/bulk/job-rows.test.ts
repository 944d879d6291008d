import { describe, expect, it } from "vitest";
import { prepareRows } from "./job-rows";

const job = { headers: ["email", "userType", "sendEmail"], format: "simple" as const };
const portal = { defaultRedirectUrl: "https://myapps.microsoft.com", localTenant: false };

describe("prepareRows", () => {
  it("checks each row again on the server and builds the Graph request", () => {
    const seen = new Map<string, number>([["taken@fabrikam.com", 2]]);
    const rows = prepareRows(
      [
        { rowNumber: 3, cells: ["Ana@Fabrikam.com", "member", "no"] },
        { rowNumber: 4, cells: ["a#b@fabrikam.com", "", ""] },
        { rowNumber: 5, cells: ["TAKEN@fabrikam.com", "", ""] },
        { rowNumber: 6, cells: ["pending@fabrikam.com", "", ""], skip: "already_pending" },
        { rowNumber: 7, cells: ["pending@fabrikam.com", "", ""] },
      ],
      job,
      portal,
      seen,
    );
    expect(rows.map((row) => [row.state, row.errorCode])).toEqual([
      ["queued", null],
      ["skipped", "invalid"],
      ["skipped", "duplicate"],
      ["skipped", "already_pending"],
      ["queued", null],
    ]);
    expect(rows[0]?.email).toBe("ana@fabrikam.com");
    expect(rows[0]?.request).toEqual({
      invitedUserEmailAddress: "Ana@Fabrikam.com",
      inviteRedirectUrl: "https://myapps.microsoft.com",
      invitedUserType: "Member",
      sendInvitationMessage: false,
    });
    expect(JSON.parse(rows[1]!.errorMessage!)).toEqual({
      key: "validation.email.forbiddenCharacter",
      params: { character: "#" },
    });
    expect(JSON.parse(rows[2]!.errorMessage!)).toEqual({
      key: "bulk.problems.duplicate",
      params: { row: 2 },
    });
    expect(seen.get("ana@fabrikam.com")).toBe(3);
  });

  it("refuses a row with NUL or an invisible character alone, and keeps its cells storable", () => {
    const rows = prepareRows(
      [
        { rowNumber: 2, cells: ["ana\u0000@fabrikam.com", "", ""] },
        { rowNumber: 3, cells: ["ana\u202E@fabrikam.com", "", ""] },
        { rowNumber: 4, cells: ["bob@fabrikam.com", "", ""] },
      ],
      job,
      portal,
      new Map(),
    );
    expect(rows.map((row) => row.state)).toEqual(["skipped", "skipped", "queued"]);
    expect(rows[0]?.errorMessage).toBe("validation.nulCharacter");
    expect(JSON.parse(rows[1]!.errorMessage!)).toEqual({
      key: "validation.invisibleCharacter",
      params: { character: "U+202E" },
    });
    expect(JSON.stringify(rows)).not.toContain("\\u0000");
    expect(rows[0]?.cells[0]).toBe("ana\uFFFD@fabrikam.com");
  });
});
