import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { buildResultsCsv, neutralizeFormula } from "./results-csv";

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
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
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

  it("leaves ordinary text alone", () => {
    expect(neutralizeFormula("ana@fabrikam.com")).toBe("ana@fabrikam.com");
    expect(neutralizeFormula("a=b")).toBe("a=b");
  });
});
