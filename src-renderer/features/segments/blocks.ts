import type { Condition } from "../../../src-preload/contract/segment.ts";
import {
  type BlockContext,
  defaultFunnel,
  defaultRetention,
  defaultRfmQuery,
  last,
  MONEY,
  PATTERNS,
  pickEvent,
  pickProperty,
  weekStartOf,
} from "./defaults.ts";

// The palette: one entry per kind of condition block, each making a ready-to-edit condition.
export interface BlockKind {
  id: string;
  label: string;
  hint: string;
  negated?: boolean;
  make(ctx: BlockContext): Condition;
}

export const BLOCKS: BlockKind[] = [
  {
    id: "did",
    label: "Did event",
    hint: "did an event at least once",
    make: (ctx) => ({ performed: { event: ctx.events[0] ?? null }, within: last(30) }),
  },
  {
    id: "didNot",
    label: "Did not do",
    hint: "never did an event in a range",
    make: (ctx) => ({
      performed: { event: ctx.events[0] ?? null },
      count: { op: "eq", value: 0 },
      within: last(30),
    }),
  },
  {
    id: "count",
    label: "Count in window",
    hint: "did an event N times in a window",
    make: (ctx) => ({
      performed: { event: ctx.events[0] ?? null },
      count: { op: "gte", value: 3 },
      within: last(7),
    }),
  },
  {
    id: "sequence",
    label: "Sequence",
    hint: "did A, then B, within a time",
    make: (ctx) => ({
      sequence: [
        { event: pickEvent(ctx.events, PATTERNS.cart) },
        { event: pickEvent(ctx.events, PATTERNS.purchase, 1) },
      ],
      window: { value: 1, unit: "day" },
      within: last(30),
    }),
  },
  {
    id: "aggregate",
    label: "Property aggregate",
    hint: "sum, average, min, max of a property",
    make: (ctx) => {
      // spend on purchases is the usual question: prefer a money property of the purchase event
      const buy = pickEvent(ctx.events, PATTERNS.purchase);
      const money = pickProperty(
        ctx.properties,
        MONEY,
        (p) => p.scope === "event" && p.type === "number" && (!buy || p.events.includes(buy)),
      );
      const num = ctx.properties.find((p) => p.scope === "event" && p.type === "number");
      return {
        aggregate: { event: money ? buy : (num?.events[0] ?? ctx.events[0] ?? null) },
        property: money ?? num?.name ?? "amount",
        fn: "sum",
        compare: { op: "gte", value: 100 },
        within: last(90),
      };
    },
  },
  {
    id: "attribute",
    label: "User attribute",
    hint: "a property of the user",
    make: (ctx) => {
      const p = ctx.properties.find((x) => x.scope === "user");
      const top = p?.topValues[0]?.value;
      return {
        attribute: { property: p?.name ?? "country", scope: "user", op: "eq", value: top ?? "" },
      };
    },
  },
  { id: "firstSeen", label: "First seen", hint: "new users", make: () => ({ firstSeen: last(30) }) },
  {
    id: "lastSeen",
    label: "Last seen",
    hint: "recently active or dormant",
    make: () => ({ lastSeen: last(7) }),
  },
  {
    id: "inSegment",
    label: "In segment",
    hint: "members of a saved segment",
    make: (ctx) => ({ inSegment: ctx.segments[0]?.id ?? "" }),
  },
  {
    id: "rfm",
    label: "RFM group",
    hint: "champions, at risk, …",
    make: (ctx) => ({ rfm: ["champions"], query: defaultRfmQuery(ctx) }),
  },
  {
    id: "funnel",
    label: "Funnel step",
    hint: "reached or dropped after a step",
    make: (ctx) => ({ funnel: defaultFunnel(ctx), droppedAfter: 1 }),
  },
  {
    id: "cohort",
    label: "Cohort",
    hint: "a retention cohort, returned or not",
    make: (ctx) => ({ retention: defaultRetention(ctx), cohort: weekStartOf(ctx.asOf), returnedIn: 1 }),
  },
];

/** Blocks that need something the workspace lacks are shown disabled with the reason. */
export function blockUnavailable(block: BlockKind, ctx: BlockContext): string | null {
  if (block.id === "inSegment" && ctx.segments.length === 0) return "Save a segment first";
  if (block.id === "attribute" && !ctx.properties.some((p) => p.scope === "user"))
    return "No user attributes imported";
  if (ctx.events.length === 0 && block.id !== "attribute" && block.id !== "inSegment")
    return "Import events first";
  return null;
}
