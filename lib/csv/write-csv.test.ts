import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellsReadAsFormulas, readCsv } from "@/test-support/spreadsheet-formulas";
import { neutralizeFormula, UTF8_BOM, writeCsv, type CsvValue } from "./write-csv";

/** The one cell `value` becomes, as written in the file. */
function written(value: CsvValue): string {
  return writeCsv([[value]]).slice(UTF8_BOM.length, -2);
}

describe("writeCsv", () => {
  it.each([
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+1 555", '"\'+1 555"'],
    ["-2+3", '"\'-2+3"'],
    ["@SUM(A1)", '"\'@SUM(A1)"'],
    ["\tcmd", '"\'\tcmd"'],
    ["\rcmd", '"\'\rcmd"'],
  ])("neutralises a formula: %j", (value, expected) => {
    expect(written(value)).toBe(expected);
  });

  it("quotes every cell, doubles quotes, and keeps plain text as it is", () => {
    expect(written("Ruiz, Ana")).toBe('"Ruiz, Ana"');
    expect(written('say "hi"')).toBe('"say ""hi"""');
    expect(written("two\nlines")).toBe('"two\nlines"');
    expect(written(" padded ")).toBe('" padded "');
    expect(written("ana@fabrikam.com")).toBe('"ana@fabrikam.com"');
    expect(written("Añadir ü")).toBe('"Añadir ü"');
  });

  it("writes numbers and booleans as they are, and an empty cell for null", () => {
    expect(written(-3)).toBe('"-3"');
    expect(written(true)).toBe('"true"');
    expect(written(null)).toBe('""');
    expect(written(undefined)).toBe('""');
  });

  it("starts with the UTF-8 BOM and ends every record with CRLF", () => {
    expect(
      writeCsv([
        ["a", "b"],
        ["=1", "c,d"],
      ]),
    ).toBe(`${UTF8_BOM}"a","b"\r\n"'=1","c,d"\r\n`);
  });

  it("leaves no formula for a reader splitting on ; a display name that hides one after a ;", () => {
    const csv = writeCsv([
      ["created_at", "guest_display_name", "error"],
      ["2025-01-01T00:00:00.000Z", "Bob;=cmd|' /C calc'!A0;", "a,@SUM(1)"],
      ["x", 'Eve; "-2+3"', "line\n+1"],
    ]);
    expect(readCsv(csv, ",")).toEqual([
      ["created_at", "guest_display_name", "error"],
      ["2025-01-01T00:00:00.000Z", "Bob;'=cmd|' /C calc'!A0;", "a,'@SUM(1)"],
      ["x", 'Eve;\' "-2+3"', "line\n'+1"],
    ]);
    expect(cellsReadAsFormulas(csv)).toEqual([]);
  });

  it("leaves no formula under , ; or no quotes at all, whatever the text (property)", () => {
    const tricky = fc.constantFrom(..."=+-@\t\r\n\0,;\" 'ab1");
    const value = fc.array(tricky, { maxLength: 12 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 1, maxLength: 4 }), { minLength: 1 }),
        (rows) => {
          const csv = writeCsv(rows);
          expect(cellsReadAsFormulas(csv)).toEqual([]);
          // Read with its own separator, the file gives back each value with only `'` added.
          expect(readCsv(csv, ",")).toEqual(rows.map((row) => row.map(neutralizeFormula)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("neutralizeFormula", () => {
  it.each(['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])(
    "puts a quote before a cell starting like a formula: %j",
    (cell) => {
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    },
  );

  it("leaves ordinary text alone", () => {
    expect(neutralizeFormula("ana@fabrikam.com")).toBe("ana@fabrikam.com");
    expect(neutralizeFormula("a=b")).toBe("a=b");
    expect(neutralizeFormula("Ruiz; Ana, Bob")).toBe("Ruiz; Ana, Bob");
  });
});
