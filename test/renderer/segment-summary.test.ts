import { describe, expect, it } from "vitest";
import { Segment } from "../../src-preload/contract/segment.ts";
import { BLOCKS } from "../../src-renderer/features/segments/blocks.ts";
import type { BlockContext } from "../../src-renderer/features/segments/defaults.ts";
import { sentence, summarize } from "../../src-renderer/features/segments/summary.ts";
import { TEMPLATES } from "../../src-renderer/features/segments/templates.ts";

const ctx: BlockContext = {
  events: ["view_item", "add_to_cart", "purchase", "post_delivery", "signup"],
  properties: [
    {
      name: "price",
      scope: "event",
      events: ["purchase"],
      type: "number",
      coverage: 1,
      distinct: 10,
      topValues: [],
    },
    {
      name: "rating",
      scope: "event",
      events: ["post_delivery"],
      type: "number",
      coverage: 1,
      distinct: 5,
      topValues: [],
    },
    {
      name: "country",
      scope: "user",
      events: [],
      type: "string",
      coverage: 0.9,
      distinct: 3,
      topValues: [{ value: "DE", count: 9 }],
    },
  ],
  segments: [{ id: "s1", name: "Buyers" }],
  asOf: "2024-06-30",
};

describe("one-line summaries", () => {
  it("reads conditions as a sentence", () => {
    expect(
      summarize({
        all: [
          {
            performed: { event: "add_to_cart" },
            count: { op: "gte", value: 2 },
            within: { last: 7, unit: "day" },
          },
          { attribute: { property: "country", scope: "user", op: "eq", value: "DE" } },
        ],
      }),
    ).toBe("did add_to_cart at least 2 times in the last 7 days and country is DE");
  });
  it("puts nested groups in parentheses and names saved segments", () => {
    const s: Segment = {
      all: [
        { inSegment: "s1" },
        { any: [{ firstSeen: { last: 7, unit: "day" } }, { not: { lastSeen: { last: 30, unit: "day" } } }] },
      ],
    };
    expect(sentence(s, (id) => (id === "s1" ? "Buyers" : id))).toBe(
      "In segment Buyers and (first seen in the last 7 days or not last seen in the last 30 days)",
    );
  });
  it("says 'did not do' for a zero count and for a negated performed", () => {
    expect(summarize({ performed: { event: "purchase" }, count: { op: "eq", value: 0 } })).toBe(
      "did not do purchase ever",
    );
    expect(summarize({ not: { performed: { event: "purchase" }, within: { last: 30, unit: "day" } } })).toBe(
      "did not do purchase in the last 30 days",
    );
  });
  it("reads a negated sequence as 'did not do A then B'", () => {
    expect(
      summarize({
        not: { sequence: [{ event: "cart" }, { event: "buy" }], window: { value: 1, unit: "day" } },
      }),
    ).toBe("did not do cart then buy within 1 day");
  });
  it("describes an empty segment", () => {
    expect(summarize({ all: [] })).toBe("all users");
    expect(summarize({ any: [] })).toBe("nobody");
  });
});

describe("blocks and templates make valid segments", () => {
  it.each(BLOCKS.map((b) => [b.id, b] as const))("block %s passes the contract schema", (_id, block) => {
    const parsed = Segment.safeParse({ all: [block.make(ctx)] });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
  it.each(TEMPLATES.map((t) => [t.id, t] as const))("template %s passes the contract schema", (_id, t) => {
    const parsed = Segment.safeParse(t.make(ctx));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
  it("RFM scores money the purchase event carries, not a look-alike on another event", () => {
    const withDecoy: BlockContext = {
      ...ctx,
      properties: [
        {
          name: "amount",
          scope: "event",
          events: ["view_item"],
          type: "number",
          coverage: 1,
          distinct: 3,
          topValues: [],
        },
        ...ctx.properties,
      ],
    };
    const champions = TEMPLATES.find((t) => t.id === "champions")?.make(withDecoy);
    expect(JSON.stringify(champions)).toContain('"monetary":"price"');
  });
  it("templates adapt to the workspace's own event names", () => {
    const cart = JSON.stringify(TEMPLATES.find((t) => t.id === "cartAbandoners")?.make(ctx));
    expect(cart).toContain("add_to_cart");
    expect(cart).toContain("purchase");
    const unhappy = JSON.stringify(TEMPLATES.find((t) => t.id === "unhappy")?.make(ctx));
    expect(unhappy).toContain("post_delivery");
    expect(unhappy).toContain("rating");
  });
});
