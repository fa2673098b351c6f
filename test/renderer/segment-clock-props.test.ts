import { describe, expect, it } from "vitest";
import {
  CLOCK_PROPS,
  clockMeta,
  clockProp,
} from "../../src-renderer/features/segments/editors/clock-props.tsx";

describe("virtual clock properties in the builder", () => {
  it("offers ISO weekdays 1..7 and hours 0..23 with readable labels", () => {
    const weekday = clockProp("$weekday");
    expect(weekday?.choices.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(weekday?.choices[0]?.label).toBe("Monday");
    expect(weekday?.choices[6]?.label).toBe("Sunday");
    const hour = clockProp("$hour");
    expect(hour?.choices).toHaveLength(24);
    expect(hour?.choices[14]).toEqual({ value: 14, label: "14:00–15:00" });
    expect(hour?.choices[23]?.label).toBe("23:00–24:00");
  });

  it("treats them as numbers so number operators apply, and knows nothing else", () => {
    for (const p of CLOCK_PROPS) expect(clockMeta(p.name)?.type).toBe("number");
    expect(clockMeta("$os")).toBeUndefined();
    expect(clockProp("hour")).toBeUndefined();
  });
});
