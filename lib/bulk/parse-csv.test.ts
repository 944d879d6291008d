import { describe, expect, it } from "vitest";
import { checkRows } from "./check-rows";
import { decodeFile } from "./decode-file";
import { MAX_BULK_ROWS } from "./limits";
import { parseBulkCsv, type ParsedSheet } from "./parse-csv";

const ADMIN_CENTER = [
  "version:v1.0",
  "Email address to invite [inviteeEmail] Required,Redirection url [inviteRedirectURL] Required,Send invitation message (true or false) [sendEmail],Customized invitation message [customizedMessageBody],Name of invitee [inviteeName]",
  "Example: name@contoso.com,https://myapps.microsoft.com,true,Hello,Example Name",
  'ana@fabrikam.com,https://myapps.microsoft.com,true,"Welcome, Ana\nSee you soon",Ana Ruiz',
  "ben@litware.example,https://myapps.microsoft.com,false,,",
].join("\r\n");

function sheetOf(text: string): ParsedSheet {
  const outcome = parseBulkCsv(text);
  if (!outcome.ok) throw new Error(`not parsed: ${outcome.problem.key}`);
  return outcome.sheet;
}

const options = (sheet: ParsedSheet) => ({
  columns: sheet.columns,
  defaultRedirectUrl: "https://myapps.microsoft.com",
});

describe("parseBulkCsv", () => {
  it("reads the admin center template as is, skipping the version and example rows", async () => {
    const sheet = sheetOf(ADMIN_CENTER);
    expect(sheet.format).toBe("admin_center");
    expect(sheet.skippedExampleRow).toBe(true);
    expect(sheet.rows.map((row) => row.rowNumber)).toEqual([4, 5]);
    const [ana, ben] = await checkRows(sheet.rows, options(sheet));
    expect(ana?.problems).toEqual([]);
    expect(ana?.values).toMatchObject({
      email: "ana@fabrikam.com",
      displayName: "Ana Ruiz",
      sendInvitationMessage: true,
      customMessage: "Welcome, Ana\nSee you soon",
    });
    expect(ben?.values.sendInvitationMessage).toBe(false);
  });

  it("recognises the admin center headers without the version row", () => {
    const sheet = sheetOf(ADMIN_CENTER.split("\r\n").slice(1).join("\n"));
    expect(sheet.format).toBe("admin_center");
    expect(sheet.rows).toHaveLength(2);
  });

  it("reads the simple template with every column, in any order and letter case", async () => {
    const sheet = sheetOf(
      [
        "UserType,email,displayName,redirectUrl,sendEmail,message,language",
        "member,carla@adatum.example,Carla,https://apps.contoso.com,yes,Hola,es-ES",
        'guest,"dan@tailspin.example","Dan, Jr.",,,,',
      ].join("\n"),
    );
    expect(sheet.format).toBe("simple");
    const [carla, dan] = await checkRows(sheet.rows, options(sheet));
    expect(carla?.values).toMatchObject({
      userType: "Member",
      messageLanguage: "es-ES",
      customMessage: "Hola",
      redirectUrl: "https://apps.contoso.com",
    });
    expect(dan?.values).toMatchObject({
      displayName: "Dan, Jr.",
      redirectUrl: "https://myapps.microsoft.com",
      sendInvitationMessage: true,
      userType: "Guest",
    });
  });

  it("accepts semicolons as the separator (European Excel)", () => {
    const sheet = sheetOf("email;displayName\nana@fabrikam.com;Ana\nben@fabrikam.com;Ben");
    expect(sheet.rows.map((row) => row.cells)).toEqual([
      ["ana@fabrikam.com", "Ana"],
      ["ben@fabrikam.com", "Ben"],
    ]);
  });

  it("reports each bad row's problems with the single form's messages, and duplicates", async () => {
    const sheet = sheetOf(
      [
        "email,redirectUrl,sendEmail,userType",
        "ok@fabrikam.com,,,",
        "plus+tag@fabrikam.com,,,",
        "no-at-sign,http://apps.contoso.com,,",
        "OK@Fabrikam.com,,,",
        "x@fabrikam.com,,perhaps,boss",
        ",,,",
        ",,true,",
      ].join("\n"),
    );
    const rows = await checkRows(sheet.rows, options(sheet));
    expect(rows.map((row) => [row.rowNumber, row.problems.map((problem) => problem.key)])).toEqual([
      [2, []],
      [3, ["validation.email.plusAddressing"]],
      [4, ["validation.email.format", "validation.redirectUrl.httpsRequired"]],
      [5, ["bulk.problems.duplicate"]],
      [6, ["bulk.problems.sendEmail", "validation.userType.invalid"]],
      [8, ["validation.email.required"]],
    ]);
    expect(rows[3]?.duplicateOf).toBe(2);
    expect(rows[3]?.problems[0]?.params).toEqual({ row: 2 });
  });

  it("refuses a file without an e-mail column, an empty file, and too many rows", () => {
    expect(parseBulkCsv("name,company\nAna,Fabrikam")).toEqual({
      ok: false,
      problem: { key: "noEmailColumn" },
    });
    expect(parseBulkCsv("\n\n")).toEqual({ ok: false, problem: { key: "empty" } });
    expect(parseBulkCsv("email\n")).toEqual({ ok: false, problem: { key: "empty" } });
    const tooMany = [
      "email",
      ...Array.from({ length: MAX_BULK_ROWS + 1 }, (_, i) => `g${i}@x.com`),
    ];
    expect(parseBulkCsv(tooMany.join("\n"))).toEqual({
      ok: false,
      problem: { key: "tooManyRows", params: { maximum: MAX_BULK_ROWS } },
    });
    const exactly = ["email", ...Array.from({ length: MAX_BULK_ROWS }, (_, i) => `g${i}@x.com`)];
    expect(sheetOf(exactly.join("\n")).rows).toHaveLength(MAX_BULK_ROWS);
  });

  // How fast is for a benchmark to say, not a test: a busy machine must not fail it.
  it("checks the largest file allowed, 10,000 rows", async () => {
    const lines = ["email", ...Array.from({ length: MAX_BULK_ROWS }, (_, i) => `g${i}@x.com`)];
    const sheet = sheetOf(lines.join("\n"));
    const rows = await checkRows(sheet.rows, options(sheet));
    expect(rows).toHaveLength(MAX_BULK_ROWS);
    expect(rows.every((row) => row.problems.length === 0)).toBe(true);
  });
});

describe("decodeFile", () => {
  const encoder = new TextEncoder();

  it("reads UTF-8 with and without a byte order mark", () => {
    const body = encoder.encode("email,displayName\nana@fabrikam.com,Ana Muñoz");
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    expect(decodeFile(body)).toEqual({ text: expect.stringContaining("Muñoz"), encoding: "utf-8" });
    const decoded = decodeFile(withBom);
    expect(decoded.text.startsWith("email")).toBe(true);
    expect(sheetOf(decoded.text).columns.email).toBe(0);
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8, and says so", () => {
    // "Muñoz – €" in Windows-1252: ñ = F1, en dash = 96, euro = 80.
    const bytes = new Uint8Array([
      ...encoder.encode("email,name\na@b.com,Mu"),
      0xf1,
      0x6f,
      0x7a,
      0x20,
      0x96,
      0x20,
      0x80,
    ]);
    expect(decodeFile(bytes)).toEqual({
      text: "email,name\na@b.com,Muñoz – €",
      encoding: "windows-1252",
    });
  });

  it("reads Excel's UTF-16 'Unicode text' (tab-separated)", () => {
    const text = "email\tdisplayName\r\nana@fabrikam.com\tAna Muñoz\r\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) bytes[2 + i * 2] = text.charCodeAt(i);
    const decoded = decodeFile(bytes);
    expect(decoded.encoding).toBe("utf-16le");
    expect(sheetOf(decoded.text).rows[0]?.cells).toEqual(["ana@fabrikam.com", "Ana Muñoz"]);
  });
});
