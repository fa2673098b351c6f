import type { Range } from "../../../src-preload/contract/common.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { activityMatcher } from "./activity-matcher.ts";
import { type BlockContext, defaultRfmQuery, last, PATTERNS, pickEvent, pickProperty } from "./defaults.ts";

// Starting points from the segmentation playbooks. Each adapts to the workspace's own event names.
export interface Template {
  id: string;
  name: string;
  description: string;
  make(ctx: BlockContext): Segment;
}

/**
 * "Did any activity within the range": any event when every event counts as activity, else any of
 * the activity events by name (message deliveries are done to users, not by them).
 */
export function didActivity(ctx: BlockContext, within: Range): Segment {
  const skip = new Set(ctx.notActivity ?? []);
  const events = ctx.events.filter((e) => !skip.has(e));
  if (skip.size === 0 || events.length === 0) return { performed: { event: null }, within };
  return { any: events.map((event) => ({ performed: { event }, within })) };
}

export const TEMPLATES: Template[] = [
  {
    id: "new",
    name: "New users",
    description: "First seen in the last 7 days",
    make: () => ({ all: [{ firstSeen: last(7) }] }),
  },
  {
    id: "active",
    name: "Active users",
    description: "Did anything in the last 7 days (message deliveries do not count)",
    make: (ctx) => ({ all: [didActivity(ctx, last(7))] }),
  },
  {
    id: "dormant",
    name: "Dormant",
    description: "Came in the week before last, not active since",
    make: (ctx) => ({
      all: [didActivity(ctx, last(14)), { not: didActivity(ctx, last(7)) }],
    }),
  },
  {
    id: "cartAbandoners",
    name: "Cart abandoners",
    description: "Added to cart, no purchase within a day",
    make: (ctx) => {
      const cart = pickEvent(ctx.events, PATTERNS.cart);
      const buy = pickEvent(ctx.events, PATTERNS.purchase, 1);
      return {
        all: [
          { performed: { event: cart }, within: last(30) },
          {
            not: {
              sequence: [{ event: cart }, { event: buy }],
              window: { value: 1, unit: "day" },
              within: last(30),
            },
          },
        ],
      };
    },
  },
  {
    id: "unhappy",
    name: "Unhappy",
    description: "Rated 1 or 2",
    make: (ctx) => {
      // the event that carries a rating property is the one to filter on
      const prop =
        pickProperty(
          ctx.properties,
          [/^(rating|score|stars)$/i, /rating|score|stars/i],
          (p) => p.scope === "event" && p.type === "number",
        ) ?? "rating";
      const carrier = ctx.properties.find((p) => p.scope === "event" && p.name === prop)?.events[0];
      const event = carrier ?? pickEvent(ctx.events, PATTERNS.rating);
      return {
        all: [
          {
            performed: { event, where: [{ property: prop, op: "between", value: [1, 2] }] },
            within: last(90),
          },
        ],
      };
    },
  },
  {
    id: "power",
    name: "Power users",
    description: "20 or more actions in the last 30 days (message deliveries do not count)",
    make: (ctx) => ({
      all: [
        { performed: activityMatcher(ctx.notActivity), count: { op: "gte", value: 20 }, within: last(30) },
      ],
    }),
  },
  {
    id: "atRisk",
    name: "At risk",
    description: "Valuable customers who stopped buying (RFM)",
    make: (ctx) => ({ all: [{ rfm: ["atRisk", "cantLose"], query: defaultRfmQuery(ctx) }] }),
  },
  {
    id: "champions",
    name: "Champions",
    description: "Bought recently, often, and spend the most (RFM)",
    make: (ctx) => ({ all: [{ rfm: ["champions"], query: defaultRfmQuery(ctx) }] }),
  },
];
