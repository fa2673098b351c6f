import { describe, expect, it } from "vitest";
import { useGlobalFilters } from "../../../src-renderer/store/global-filters.ts";
import { resolveRange } from "../../../src-renderer/ui/format.ts";

// The default range draws a shape: a weekly chart gets many points, a monthly one more than one.
describe("default range", () => {
  it("spans enough weeks and months for a line, not a dot", () => {
    const g = useGlobalFilters.getInitialState();
    const r = resolveRange(g.range, "2024-06-30");
    const days = (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
    expect(Math.floor(days / 7)).toBeGreaterThanOrEqual(8);
    expect(Math.floor(days / 30)).toBeGreaterThanOrEqual(2);
    expect(g.preset).not.toBeNull();
  });
});
