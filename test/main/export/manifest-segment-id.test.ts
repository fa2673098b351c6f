import { afterEach, describe, expect, it } from "vitest";
import { resolveSegment } from "../../../src-main/export/run-export.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

// The app exports what the builder shows (a definition); when that is a saved segment unchanged, the
// manifest names it (segmentId), instead of the null every app export carried.

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("export manifest segmentId", () => {
  it("is the saved segment's id when the exported definition is that segment, else null", () => {
    j = journeys({ a: { attributes: { plan: "pro" } } });
    const def = { attribute: { property: "plan", op: "eq", value: "pro" } } as const;
    const seg = createSaved(j.ws.db, "segment", "Pro", def);
    // same definition, other key order
    const same = resolveSegment(j.ws, {
      definition: { attribute: { value: "pro", op: "eq", property: "plan" } },
      name: "Pro",
      savedId: seg.id,
    });
    expect(same.id).toBe(seg.id);
    const edited = resolveSegment(j.ws, {
      definition: { attribute: { property: "plan", op: "eq", value: "free" } },
      name: "Pro",
      savedId: seg.id,
    });
    expect(edited.id).toBeNull();
    const gone = resolveSegment(j.ws, { definition: def, savedId: "no-such-id" });
    expect(gone.id).toBeNull();
  });
});
