import { describe, expect, it } from "vitest";
import { checkRow } from "./check-rows";
import { mapColumns } from "./columns";
import { prepareRows, type GroupVerdicts } from "./job-rows";
import { groupIdsOf } from "./row-values";

// The optional `groups` column of the simple template: ids separated by ";", judged by the form's schema.

const A = "9a0b1c2d-0001-4a5b-8c6d-7e8f9a0b1c01";
const B = "9a0b1c2d-0002-4a5b-8c6d-7e8f9a0b1c02";
const headers = ["email", "sendEmail", "groups"];
const columns = mapColumns(headers, "simple");
const options = { columns, defaultRedirectUrl: "https://myapps.microsoft.com" };
const row = (groups: string) => ({ rowNumber: 2, cells: ["ana@fabrikam.com", "false", groups] });
const guid = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;

describe("the groups column", () => {
  it("is recognised by its header and split on semicolons, blanks ignored", () => {
    expect(columns.groups).toBe(2);
    expect(mapColumns(["Email", "Group IDs"], "simple").groups).toBe(1);
    expect(groupIdsOf(` ${A} ; ;${B};`)).toEqual([A, B]);
    expect(groupIdsOf("")).toEqual([]);
    const checked = checkRow(row(`${A};${B}`), options);
    expect(checked.problems).toEqual([]);
    expect(checked.values.groups?.map((group) => group.id)).toEqual([A, B]);
    expect(checkRow(row(""), options).values.groups).toEqual([]);
  });

  it.each([
    ["not a GUID", `${A};sales-team`, { field: "groups", key: "validation.groups.invalidId" }],
    [
      "the same group twice",
      `${A};${A.toUpperCase()}`,
      { field: "groups", key: "validation.groups.duplicate" },
    ],
    [
      "more than 20",
      Array.from({ length: 21 }, (_, index) => guid(index + 1)).join(";"),
      { field: "groups", key: "validation.groups.tooMany", params: { maximum: 20 } },
    ],
  ])("refuses %s with the form's message", (_name, cell, problem) => {
    expect(checkRow(row(cell), options).problems).toEqual([problem]);
  });

  it("accepts 20 distinct groups", () => {
    const cell = Array.from({ length: 20 }, (_, index) => guid(index + 1)).join(";");
    expect(checkRow(row(cell), options).problems).toEqual([]);
  });

  it("stores the server-checked groups with their names, and skips a row naming a group its owner may not use", () => {
    const verdicts: GroupVerdicts = new Map([
      [A.toLowerCase(), { group: { id: A, displayName: "Marketing Partner Projects" } }],
      [
        B.toLowerCase(),
        { problem: { key: "validation.groups.dynamic", params: { name: "All Marketing" } } },
      ],
    ]);
    const unknown = guid(99);
    const prepared = prepareRows(
      [
        { rowNumber: 2, cells: ["one@fabrikam.com", "false", A] },
        { rowNumber: 3, cells: ["two@fabrikam.com", "false", `${A};${B}`] },
        { rowNumber: 4, cells: ["three@fabrikam.com", "false", unknown] },
        { rowNumber: 5, cells: ["four@fabrikam.com", "false", ""] },
        // A refused row does not hold its address: a later good row with it is sent.
        { rowNumber: 6, cells: ["two@fabrikam.com", "false", ""] },
      ],
      { headers, format: "simple" },
      { defaultRedirectUrl: "https://myapps.microsoft.com", localTenant: false },
      new Map(),
      verdicts,
    );
    expect(prepared.map((entry) => [entry.state, entry.errorCode])).toEqual([
      ["queued", null],
      ["skipped", "invalid"],
      ["skipped", "invalid"],
      ["queued", null],
      ["queued", null],
    ]);
    expect(prepared[0]!.groups).toEqual([{ id: A, displayName: "Marketing Partner Projects" }]);
    // The invitation itself never carries the groups.
    expect(prepared[0]!.request).not.toHaveProperty("groups");
    expect(JSON.parse(prepared[1]!.errorMessage!)).toEqual({
      key: "validation.groups.dynamic",
      params: { name: "All Marketing" },
    });
    expect(JSON.parse(prepared[2]!.errorMessage!)).toEqual({
      key: "validation.groups.notSelectable",
      params: { name: unknown },
    });
    expect(prepared[3]!.groups).toBeNull();
  });
});
