import type { Compare, EventMatcher, Filter, Range } from "../../../src-preload/contract/common.ts";
import type { Condition, Segment } from "../../../src-preload/contract/segment.ts";
import { rangeLabel } from "../../ui/format.ts";
import { propensityText } from "../predict/condition-text.ts";
import { EVENT_NAME_PROP, excludedEvents } from "./activity-matcher.ts";
import { clockText } from "./clock-text.ts";
import { OP_LABELS } from "./op-labels.ts";

// A segment read as one line of English, for lists, tooltips and the builder's header:
// "did Add to cart at least 2 times in the last 7 days and country is DE".

const COMPARE: Record<Compare["op"], string> = {
  gte: "at least",
  gt: "more than",
  eq: "exactly",
  lte: "at most",
  lt: "fewer than",
  between: "between",
};

const RFM_LABELS: Record<string, string> = {
  champions: "Champions",
  loyal: "Loyal",
  potentialLoyalists: "Potential loyalists",
  new: "New",
  promising: "Promising",
  needAttention: "Need attention",
  aboutToSleep: "About to sleep",
  atRisk: "At risk",
  cantLose: "Can't lose",
  hibernating: "Hibernating",
};

export function rfmLabel(g: string): string {
  return RFM_LABELS[g] ?? g;
}

function value(v: unknown): string {
  if (Array.isArray(v)) return v.map(value).join(", ");
  if (typeof v === "string") return v === "" ? "(empty)" : v;
  return String(v);
}

export function filterText(f: Filter): string {
  const clock = clockText(f);
  if (clock !== null) return clock;
  if (f.op === "isSet" || f.op === "isNotSet") return `${f.property} ${OP_LABELS[f.op]}`;
  if (f.op === "between") return `${f.property} between ${value(f.value[0])} and ${value(f.value[1])}`;
  if (!("value" in f)) return f.property;
  return `${f.property} ${OP_LABELS[f.op]} ${value(f.value)}`;
}

export function matcherText(m: EventMatcher): string {
  // "any event except email_sent, push_sent": the activity matcher's $event filter read as words
  const except = m.event === null ? excludedEvents(m) : null;
  const name = m.event ?? (except ? `any event except ${except.join(", ")}` : "any event");
  // "$weekday"/"$hour" filters read as time words after the others: "buy where plan is pro on Tuesday"
  const stored =
    m.where?.filter((f) => clockText(f) === null && !(except && f.property === EVENT_NAME_PROP)) ?? [];
  const clock = m.where?.filter((f) => clockText(f) !== null).map(filterText) ?? [];
  const where = stored.length ? ` where ${stored.map(filterText).join(" and ")}` : "";
  return `${name}${where}${clock.map((t) => ` ${t}`).join("")}`;
}

function times(c: Compare): string {
  if (c.op === "between") return `between ${c.value[0]} and ${c.value[1]} times`;
  return `${COMPARE[c.op]} ${c.value} ${c.value === 1 ? "time" : "times"}`;
}

function within(r: Range | undefined): string {
  return r ? ` ${rangeLabel(r)}` : " ever";
}

export function conditionText(c: Condition, names: (id: string) => string, negated = false): string {
  const not = negated ? "not " : "";
  if ("performed" in c) {
    const count = c.count ?? { op: "gte" as const, value: 1 };
    const didNot = count.op === "eq" && count.value === 0;
    const verb = didNot !== negated ? "did not do" : "did";
    const how = didNot || (count.op === "gte" && count.value === 1) ? "" : ` ${times(count)}`;
    return `${verb} ${matcherText(c.performed)}${how}${within(c.within)}`;
  }
  if ("attribute" in c) return `${not ? "not: " : ""}${filterText(c.attribute)}`;
  if ("firstSeen" in c) return `${not}first seen ${rangeLabel(c.firstSeen)}`;
  if ("lastSeen" in c) return `${not}last seen ${rangeLabel(c.lastSeen)}`;
  if ("sequence" in c)
    return `${negated ? "did not do" : "did"} ${c.sequence.map(matcherText).join(" then ")} within ${c.window.value} ${c.window.unit}${c.window.value === 1 ? "" : "s"}${c.within ? ` ${rangeLabel(c.within)}` : ""}`;
  if ("aggregate" in c) {
    const cmp =
      c.compare.op === "between"
        ? `between ${c.compare.value[0]} and ${c.compare.value[1]}`
        : `${COMPARE[c.compare.op]} ${c.compare.value}`;
    return `${not}${c.fn} of ${c.property} on ${matcherText(c.aggregate)} ${cmp}${within(c.within)}`;
  }
  if ("inSegment" in c) return `${negated ? "not in" : "in"} segment ${names(c.inSegment)}`;
  if ("rfm" in c) return `${not}in RFM group ${c.rfm.map(rfmLabel).join(" or ")}`;
  if ("funnel" in c) {
    const steps = c.funnel.steps.map((s) => s.event ?? "any event");
    if ("reached" in c)
      return `${not}reached step ${c.reached + 1} (${steps[c.reached] ?? "?"}) of ${steps.join(" → ")}`;
    return `${not}dropped after step ${c.droppedAfter + 1} (${steps[c.droppedAfter] ?? "?"}) of ${steps.join(" → ")}`;
  }
  if ("retention" in c) {
    const back = c.returnedIn === undefined ? "" : `, returned in ${c.retention.interval} ${c.returnedIn}`;
    return `${not}in the ${c.cohort} ${c.retention.interval} cohort of ${matcherText(c.retention.target)}${back}`;
  }
  if ("paths" in c) {
    const where =
      c.to === undefined
        ? `${c.event} at step ${c.step + 1}`
        : `${c.event} → ${c.to} at steps ${c.step + 1}-${c.step + 2}`;
    const anchor = c.paths.start
      ? ` after ${c.paths.start.event ?? "any event"}`
      : c.paths.end
        ? ` before ${c.paths.end.event ?? "any event"}`
        : "";
    return `${not}took the path ${where}${anchor}`;
  }
  if ("segmentFlow" in c) {
    const label = (s: string) => (s === "$none" ? "none" : s === "$notYet" ? "not yet" : s);
    return c.next === undefined
      ? `${not}was ${label(c.state)} on ${c.at}`
      : `${not}moved from ${label(c.state)} on ${c.at} to ${label(c.next)}`;
  }
  if ("propensity" in c) return propensityText(c, negated);
  return "unknown condition";
}

/** The whole segment on one line. Nested groups go in parentheses. */
export function summarize(s: Segment, names: (id: string) => string = (id) => id, depth = 0): string {
  if ("not" in s) {
    const inner = s.not;
    if (!("all" in inner) && !("any" in inner) && !("not" in inner)) return conditionText(inner, names, true);
    return `not (${summarize(inner, names, depth + 1)})`;
  }
  if ("all" in s || "any" in s) {
    const parts = "all" in s ? s.all : s.any;
    if (parts.length === 0) return "all" in s ? "all users" : "nobody";
    const joined = parts.map((p) => summarize(p, names, depth + 1)).join("all" in s ? " and " : " or ");
    return depth > 0 && parts.length > 1 ? `(${joined})` : joined;
  }
  return conditionText(s, names);
}

/** Capitalized, for headers: "Did Add to cart …". */
export function sentence(s: Segment, names?: (id: string) => string): string {
  const t = summarize(s, names);
  return t.charAt(0).toUpperCase() + t.slice(1);
}
