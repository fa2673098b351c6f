import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type { CatalogProperty } from "../../../src-preload/contract/methods/catalog.ts";
import { MONEY, PATTERNS } from "../segments/defaults.ts";

// First-open defaults of the tabs that measure a property: they name a property THIS workspace has
// (a demo's `revenue`, an export's `price`, a survey's `rating`), never a fixed name the engine would
// refuse as unknown. When nothing fits, the property is "" and the tab asks the analyst to pick one
// instead of running a query.

/** The first event matching the patterns in order; null when none does (no fallback to any event). */
function matching(events: readonly string[], patterns: readonly RegExp[]): string | null {
  for (const re of patterns) {
    const hit = events.find((e) => re.test(e));
    if (hit) return hit;
  }
  return null;
}

/** The first property passing `ok` whose name matches the patterns in order. */
function named(
  props: readonly CatalogProperty[],
  patterns: readonly RegExp[],
  ok: (p: CatalogProperty) => boolean,
): CatalogProperty | null {
  for (const re of patterns) {
    const hit = props.find((p) => ok(p) && re.test(p.name));
    if (hit) return hit;
  }
  return null;
}

const carries = (p: CatalogProperty, event: string | null) =>
  event === null || p.events.length === 0 || p.events.includes(event);
const numericEventProp = (p: CatalogProperty) => p.scope === "event" && p.type === "number";

/**
 * A numeric property of the event the patterns name (or, failing that, of any event) and that
 * event: the money on the purchase event, else money on whatever event carries it.
 */
function measured(
  events: readonly string[],
  props: readonly CatalogProperty[],
  eventPatterns: readonly RegExp[],
  propPatterns: readonly RegExp[],
): { event: string | null; property: string } {
  const event = matching(events, eventPatterns);
  const own = named(props, propPatterns, (p) => numericEventProp(p) && carries(p, event));
  if (own) return { event: event ?? own.events[0] ?? null, property: own.name };
  const any = named(props, propPatterns, numericEventProp);
  if (any) return { event: any.events[0] ?? event, property: any.name };
  return { event, property: "" };
}

// a line's total before a unit price: `revenue` over `price` when an event carries both
const AMOUNTS = [/^revenue$/i, /^amount$/i, /^total$/i, /^value$/i, /^price$/i, ...MONEY];

export function revenueDefaults(events: readonly string[], props: readonly CatalogProperty[]) {
  const m = measured(events, props, PATTERNS.purchase, AMOUNTS);
  return { event: { event: m.event ?? events[0] ?? null }, property: m.property };
}

const SURVEY_EVENTS = [/^survey_response$/i, /survey/i, /nps/i, /csat/i, /feedback/i, /rat(ing|ed)/i];
const SCORES = [/^(score|rating|nps|csat|ces)$/i, /score|rating|nps|csat|ces|stars/i];
export type SurveyType = "nps" | "csat" | "ces";

/** The survey event, narrowed to one survey type when it says which survey in a `survey` property. */
export function surveyEvent(
  event: string | null,
  type: SurveyType,
  props: readonly CatalogProperty[],
): EventMatcher {
  const tagged = props.some((p) => p.scope === "event" && p.name === "survey" && carries(p, event));
  return tagged && event !== null
    ? { event, where: [{ property: "survey", op: "eq", value: type }] }
    : { event };
}

export function surveyDefaults(events: readonly string[], props: readonly CatalogProperty[]) {
  const m = measured(events, props, SURVEY_EVENTS, SCORES);
  return { event: surveyEvent(m.event ?? events[0] ?? null, "nps", props), property: m.property };
}

const CHANNELS = [
  /^acquisition_channel$/i,
  /^utm_source$/i,
  /^\$?initial_utm_source$/i,
  /channel/i,
  /utm_source|^source$/i,
  /campaign/i,
  /referr/i,
];

const textual = (p: CatalogProperty) => p.type === "string" || p.type === "mixed";

/** Users' acquisition property (a user attribute first, then an event property) and conversion event. */
export function acquisitionDefaults(events: readonly string[], props: readonly CatalogProperty[]) {
  const by =
    named(props, CHANNELS, (p) => p.scope === "user" && textual(p)) ??
    named(props, CHANNELS, (p) => p.scope === "event" && textual(p));
  const buy = matching(events, PATTERNS.purchase);
  return {
    by: by
      ? by.scope === "user"
        ? { property: by.name, scope: "user" as const }
        : { property: by.name }
      : { property: "" },
    ...(buy ? { conversion: { event: buy } } : {}),
  };
}
