import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { catalogProperties } from "../../../src-main/store/catalog.ts";
import { PropertyList } from "../../../src-renderer/features/data/PropertyList.tsx";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// Hostile workspace files (issue 20): names and values from a file are text in the renderer, never
// markup. React escapes what it renders; nothing in the renderer may bypass that.

const HTML = `<img src=x onerror="alert(1)">`;

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("names and values with HTML", () => {
  it("render as text", () => {
    j = journeys({ a: { attributes: { [HTML]: HTML } }, b: { attributes: { [HTML]: "<b>bold</b>" } } });
    const props = catalogProperties(j.ws, "user");
    expect(props.some((p) => p.name === HTML)).toBe(true);
    const html = renderToStaticMarkup(<PropertyList properties={props} unit="users" empty="none" />);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>bold");
    expect(html).toContain("&lt;img");
  });

  it("nothing in the renderer sets raw HTML", () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (
          /\.tsx?$/.test(e.name) &&
          /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(
            fs.readFileSync(f, "utf8"),
          )
        )
          offenders.push(f);
      }
    };
    walk(path.join(import.meta.dirname, "../../../src-renderer"));
    expect(offenders).toEqual([]);
  });
});
