import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, UTF8_BOM } from "./history-csv";

describe("csvCell", () => {
  it.each([
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+1 555", "'+1 555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
  ])("neutralises a formula: %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("quotes separators, quotes and line breaks, and keeps plain text as it is", () => {
    expect(csvCell("Ruiz, Ana")).toBe('"Ruiz, Ana"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell("ana@fabrikam.com")).toBe("ana@fabrikam.com");
    expect(csvCell("Añadir ü")).toBe("Añadir ü");
  });

  it("writes numbers and booleans as they are, and nothing for null", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("csvDocument", () => {
  it("starts with the UTF-8 BOM and separates records with CRLF", () => {
    expect(
      csvDocument([
        ["a", "b"],
        ["=1", "c,d"],
      ]),
    ).toBe(`${UTF8_BOM}a,b\r\n'=1,"c,d"\r\n`);
  });
});
