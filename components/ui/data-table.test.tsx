import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataTableColumn } from "./data-table";

type Guest = { id: string; name: string; mail: string };

const guests: Guest[] = [
  { id: "1", name: "Ana", mail: "ana@fabrikam.com" },
  { id: "2", name: "Bo", mail: "bo@fabrikam.com" },
];
const columns: DataTableColumn<Guest>[] = [
  { key: "name", header: "Name", rowHeader: true, cell: (guest) => guest.name },
  { key: "mail", header: "E-mail", wideOnly: true, cell: (guest) => guest.mail },
];

/** The table's cells in document order: [element, scope, text]. */
function cellsOf(variant: "stacked" | "compact"): { html: string; cells: string[][] } {
  const html = renderToStaticMarkup(
    <DataTable
      variant={variant}
      caption="Pending guests"
      columns={columns}
      rows={guests}
      rowKey={(guest) => guest.id}
    />,
  );
  const cells = [...html.matchAll(/<(th|td)(?: scope="(\w+)")?[^>]*>([^<]*)<\/\1>/g)].map(
    ([, element = "", scope = "", text = ""]) => [element, scope, text],
  );
  return { html, cells };
}

describe.each(["stacked", "compact"] as const)("DataTable (%s)", (variant) => {
  const { html, cells } = cellsOf(variant);

  it("is named by its caption, which comes first inside the table", () => {
    expect(html).toMatch(/<table[^>]*><caption[^>]*>Pending guests<\/caption><thead/);
  });

  it("heads each column with scope=col and names each row with a scope=row cell", () => {
    expect(cells).toEqual([
      ["th", "col", "Name"],
      ["th", "col", "E-mail"],
      ["th", "row", "Ana"],
      ["td", "", "ana@fabrikam.com"],
      ["th", "row", "Bo"],
      ["td", "", "bo@fabrikam.com"],
    ]);
  });
});
