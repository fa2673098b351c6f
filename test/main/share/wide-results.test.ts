import { describe, expect, it } from "vitest";
import { removedNamesIn } from "../../../src-main/share/saved-scrub.ts";

// A hostile workspace's saved result may hold an array far wider than any Strata makes: the share's
// walk must not spread it into push() (a stack overflow, and the share failing with an internal
// error instead of dropping that cache).

describe("looking for removed names in a wide saved result", () => {
  it("walks an array of 300,000 values", () => {
    const wide = { rows: Array.from({ length: 300_000 }, (_, i) => (i === 299_999 ? "phone" : i)) };
    expect(removedNamesIn(wide, new Set(["phone"]), false)).toEqual({ asText: true, asKey: false });
  });
});
