import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { preview } from "../../../src-main/import/inspect.ts";
import { PreviewTable } from "../../../src-renderer/features/import/MappingEditor.tsx";
import { tmpDir } from "../../helpers/tmp.ts";

// The Import view's table heads each column with the name the import stores it under, and shows
// the properties the import computes (revenue) with their values.

function file(name: string, text: string): string {
  const out = path.join(tmpDir(), name);
  fs.writeFileSync(out, text);
  return out;
}

const heads = (html: string) => [...html.matchAll(/<div class="col-name">([^<]*)<\/div>/g)].map((m) => m[1]);

describe("the import preview table", () => {
  it("heads a JSON property by its stored name, the file's path under it", async () => {
    const p = await preview(
      file(
        "e.ndjson",
        '{"user_id":"u1","event":"view","time":1700000000000,"properties":{"product_id":7}}\n',
      ),
      {},
      "UTC",
    );
    const html = renderToStaticMarkup(<PreviewTable preview={p} types={{}} setType={() => {}} />);
    expect(heads(html)).toEqual(["user_id", "event", "time", "product_id"]);
    expect(html).toContain("from properties.product_id");
    // the type override is still that of the file's column
    expect(html).toContain('aria-label="Type of properties.product_id"');
  });

  it("shows the computed revenue after the file's columns, with its values", async () => {
    const p = await preview(
      file(
        "orders.csv",
        "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,6,2010-12-01 08:26:00,2.55,17850.0\n2,3,2010-12-01 08:27:00,,17850.0\n",
      ),
      {},
      "UTC",
    );
    const html = renderToStaticMarkup(<PreviewTable preview={p} types={{}} setType={() => {}} />);
    expect(heads(html).at(-1)).toBe("revenue");
    expect(html).toContain("= Quantity × UnitPrice");
    expect(html).toContain("computed");
    const cells = [...html.matchAll(/<td class="num computed">(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(["15.3", '<span class="faint">none</span>']);
  });
});
