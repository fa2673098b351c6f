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

export function conditionText(condition: Condition, names: (id: string) => string, negated = false): string {
  const not = negated ? "not " : "";
  if ("performed" in condition) {
    const count = condition.count ?? { op: "gte" as const, value: 1 };
    const didNot = count.op === "eq" && count.value === 0;
    const verb = didNot !== negated ? "did not do" : "did";
    const how = didNot || (count.op === "gte" && count.value === 1) ? "" : ` ${times(count)}`;
    return `${verb} ${matcherText(condition.performed)}${how}${within(condition.within)}`;
  }
  if ("attribute" in condition) return `${not ? "not: " : ""}${filterText(condition.attribute)}`;
  if ("firstSeen" in condition) return `${not}first seen ${rangeLabel(condition.firstSeen)}`;
  if ("lastSeen" in condition) return `${not}last seen ${rangeLabel(condition.lastSeen)}`;
  if ("sequence" in condition)
    return `${negated ? "did not do" : "did"} ${condition.sequence.map(matcherText).join(" then ")} within ${condition.window.value} ${condition.window.unit}${condition.window.value === 1 ? "" : "s"}${condition.within ? ` ${rangeLabel(condition.within)}` : ""}`;
  if ("aggregate" in condition) {
    const cmp =
      condition.compare.op === "between"
        ? `between ${condition.compare.value[0]} and ${condition.compare.value[1]}`
        : `${COMPARE[condition.compare.op]} ${condition.compare.value}`;
    return `${not}${condition.fn} of ${condition.property} on ${matcherText(condition.aggregate)} ${cmp}${within(condition.within)}`;
  }
  if ("inSegment" in condition) return `${negated ? "not in" : "in"} segment ${names(condition.inSegment)}`;
  if ("rfm" in condition) return `${not}in RFM group ${condition.rfm.map(rfmLabel).join(" or ")}`;
  if ("funnel" in condition) {
    const steps = condition.funnel.steps.map((s) => s.event ?? "any event");
    if ("reached" in condition)
      return `${not}reached step ${condition.reached + 1} (${steps[condition.reached] ?? "?"}) of ${steps.join(" → ")}`;
    return `${not}dropped after step ${condition.droppedAfter + 1} (${steps[condition.droppedAfter] ?? "?"}) of ${steps.join(" → ")}`;
  }
  if ("retention" in condition) {
    const back =
      condition.returnedIn === undefined
        ? ""
        : `, returned in ${condition.retention.interval} ${condition.returnedIn}`;
    return `${not}in the ${condition.cohort} ${condition.retention.interval} cohort of ${matcherText(condition.retention.target)}${back}`;
  }
  if ("paths" in condition) {
    const where =
      condition.to === undefined
        ? `${condition.event} at step ${condition.step + 1}`
        : `${condition.event} → ${condition.to} at steps ${condition.step + 1}-${condition.step + 2}`;
    const anchor = condition.paths.start
      ? ` after ${condition.paths.start.event ?? "any event"}`
      : condition.paths.end
        ? ` before ${condition.paths.end.event ?? "any event"}`
        : "";
    return `${not}took the path ${where}${anchor}`;
  }
  if ("segmentFlow" in condition) {
    const label = (s: string) => (s === "$none" ? "none" : s === "$notYet" ? "not yet" : s);
    return condition.next === undefined
      ? `${not}was ${label(condition.state)} on ${condition.at}`
      : `${not}moved from ${label(condition.state)} on ${condition.at} to ${label(condition.next)}`;
  }
  if ("propensity" in condition) return propensityText(condition, negated);
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
