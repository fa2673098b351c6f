import { describe, expect, it } from "vitest";
import type { Filter } from "../../src-preload/contract/common.ts";
import { clockText } from "../../src-renderer/features/segments/clock-text.ts";
import { summarize } from "../../src-renderer/features/segments/summary.ts";

describe("$weekday / $hour filters in segment summaries", () => {
  it("read as time words", () => {
    const t = (f: Filter) => clockText(f);
    expect(t({ property: "$weekday", op: "eq", value: 2 })).toBe("on Tuesday");
    expect(t({ property: "$hour", op: "eq", value: 14 })).toBe("at 14:00–15:00");
    expect(t({ property: "$weekday", op: "lte", value: 5 })).toBe("on Monday–Friday");
    expect(t({ property: "$weekday", op: "in", value: [1, 3, 7] })).toBe("on Monday or Wednesday or Sunday");
    expect(t({ property: "$hour", op: "between", value: [9, 16] })).toBe("at 09:00–17:00");
    expect(t({ property: "$hour", op: "notIn", value: [0, 1, 2, 3, 4, 5, 23] })).toBe("at 06:00–23:00");
    expect(t({ property: "$hour", op: "gt", value: 23 })).toBe("at no hour");
  });

  it("leave other filters to the generic wording", () => {
    expect(clockText({ property: "$hour", op: "eq", value: "14" })).toBeNull();
    expect(clockText({ property: "$hour", op: "isSet" })).toBeNull();
    expect(clockText({ property: "$hour", op: "eq", value: 3, scope: "user" })).toBeNull();
    expect(clockText({ property: "$os", op: "eq", value: 3 })).toBeNull();
  });

  it("follow the event and its other filters in a condition", () => {
    const s = summarize({
      performed: {
        event: "buy",
        where: [
          { property: "$weekday", op: "eq", value: 2 },
          { property: "plan", op: "eq", value: "pro" },
          { property: "$hour", op: "eq", value: 14 },
        ],
      },
      within: { last: 30, unit: "day" },
    });
    expect(s).toBe("did buy where plan is pro on Tuesday at 14:00–15:00 in the last 30 days");
  });
});
