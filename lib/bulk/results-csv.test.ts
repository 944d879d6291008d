import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { cellsReadAsFormulas, readCsv } from "@/test-support/spreadsheet-formulas";
import { buildResultsCsv } from "./results-csv";

describe("buildResultsCsv", () => {
  it("keeps the original columns and adds the outcome, quoted where needed", () => {
    const csv = buildResultsCsv(
      ["email", "message"],
      [
        {
          cells: ["ana@fabrikam.com", "Hello, Ana\nBye"],
          status: "Sent",
          error: "",
          requestId: "req-1",
          userId: "u-1",
          redeemUrl: "https://login.example/redeem?rd=x",
        },
      ],
    );
    expect(csv.startsWith("\ufeff")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ["email", "message", "Status", "Error", "Graph request ID", "User ID", "Redeem URL"],
      [
        "ana@fabrikam.com",
        "Hello, Ana\nBye",
        "Sent",
        "",
        "req-1",
        "u-1",
        "https://login.example/redeem?rd=x",
      ],
    ]);
  });

  it.each(['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])(
    "neutralizes a cell starting like a formula: %j",
    (cell) => {
      const csv = buildResultsCsv(
        ["name"],
        [
          {
            cells: [cell],
            status: "Failed",
            error: cell,
            requestId: "",
            userId: "",
            redeemUrl: "",
          },
        ],
      );
      const [, row] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
      expect(row?.[0]).toBe(`'${cell}`);
      expect(row?.[2]).toBe(`'${cell}`);
    },
  );

  it("hides no formula behind a ; or , for a spreadsheet that splits on either", () => {
    const csv = buildResultsCsv(
      ["email", "displayName"],
      [
        {
          cells: ["bob@fabrikam.com", "Bob;=cmd|' /C calc'!A0;"],
          status: "Failed",
          error: "x, +1",
          requestId: "",
          userId: "",
          redeemUrl: "",
        },
      ],
    );
    expect(readCsv(csv, ",")[1]?.slice(0, 4)).toEqual([
      "bob@fabrikam.com",
      "Bob;'=cmd|' /C calc'!A0;",
      "Failed",
      "x,' +1",
    ]);
    expect(cellsReadAsFormulas(csv)).toEqual([]);
  });
  it("adds a Groups column only when a row named groups", () => {
    const row = {
      cells: ["ana@fabrikam.com"],
      status: "Sent",
      error: "",
      requestId: "",
      userId: "",
      redeemUrl: "",
    };
    const without = readCsv(buildResultsCsv(["email"], [row]), ",");
    expect(without[0]).not.toContain("Groups");
    const withGroups = readCsv(
      buildResultsCsv(
        ["email"],
        [{ ...row, groups: "Campaign Review: added; =Finance: failed (Denied)" }, row],
      ),
      ",",
    );
    expect(withGroups[0]?.at(-1)).toBe("Groups");
    // A name that looks like a formula is neutralised behind the ";" too.
    expect(withGroups.slice(1).map((cells) => cells.at(-1))).toEqual([
      "Campaign Review: added;' =Finance: failed (Denied)",
      "",
    ]);
  });
});
