import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SharedCopy } from "../../../src-renderer/features/exports/ShareDialog.tsx";
import { EMPTY_SHARE_FORM } from "../../../src-renderer/features/exports/share-options.ts";

// The Share dialog's done panel showed only the file and its size, never what the copy lost.

describe("the Share dialog's done panel", () => {
  it("lists what was removed and the saved items that answer differently", () => {
    const html = renderToStaticMarkup(
      <SharedCopy
        form={EMPTY_SHARE_FORM}
        done={{
          path: "/tmp/shared.strata",
          bytes: 4096,
          dropped: ["secret_attr"],
          redacted: { values: 0, eventNames: 0, userIds: 0 },
          affected: [
            { id: "s1", type: "segment", name: "Secret A", uses: ["secret_attr"], before: 1, after: 0 },
          ],
          resultsDropped: [{ id: "r1", type: "report", name: "Members" }],
        }}
      />,
    );
    expect(html).toContain("<dt>Removed</dt><dd>secret_attr</dd>");
    expect(html).toContain("<li>Segment “Secret A” uses secret_attr: 1 user → 0</li>");
    expect(html).toContain("<li>Report “Members”</li>");
    expect(html).not.toContain("Replaced");
  });
});
