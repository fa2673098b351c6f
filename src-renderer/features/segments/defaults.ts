import type { Range } from "../../../src-preload/contract/common.ts";
import type { CatalogProperty } from "../../../src-preload/contract/methods/catalog.ts";
import type { FunnelQuery, RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";

// Sensible first choices for new blocks and templates, found in the workspace's own catalog
// (an export's "purchase" may be called order_completed or checkout).

export interface BlockContext {
  events: string[];
  properties: CatalogProperty[];
  segments: { id: string; name: string }[];
  /** the as-of day, YYYY-MM-DD */
  asOf: string;
  /** events that do not count as activity (message deliveries by default) */
  notActivity?: string[];
}

export const PATTERNS = {
  purchase: [
    /^purchase$/i,
    /purchase/i,
    /order.?(completed|placed)/i,
    /checkout.?completed/i,
    /^order$/i,
    /buy/i,
  ],
  cart: [/^add.?to.?cart$/i, /^cart$/i, /add.?to.?(cart|basket)/i, /cart/i, /basket/i],
  signup: [/sign.?up/i, /register/i, /account.?created/i, /install/i, /first.?open/i],
  view: [/^view$/i, /page.?view/i, /view/i, /session.?start/i, /open/i],
  rating: [/rat(ing|ed)/i, /review/i, /survey/i, /nps/i, /feedback/i],
} as const;

export function pickEvent(events: string[], patterns: readonly RegExp[], fallback = 0): string | null {
  for (const re of patterns) {
    const hit = events.find((e) => re.test(e));
    if (hit) return hit;
  }
  return events[fallback] ?? events[0] ?? null;
}

export function pickProperty(
  properties: CatalogProperty[],
  patterns: readonly RegExp[],
  filter: (p: CatalogProperty) => boolean = () => true,
): string | null {
  const candidates = properties.filter(filter);
  for (const re of patterns) {
    const hit = candidates.find((p) => re.test(p.name));
    if (hit) return hit.name;
  }
  return null;
}

export const MONEY = [/^(revenue|amount|price|total|value)$/i, /revenue|amount|price|total|value|spend/i];

export const last = (n: number, unit: "day" | "week" | "month" = "day"): Range => ({ last: n, unit });

export function defaultRfmQuery(ctx: BlockContext): RfmQuery {
  const event = pickEvent(ctx.events, PATTERNS.purchase);
  // the money property must be one the scored event carries (revenue on purchase, not price on views)
  const monetary = pickProperty(
    ctx.properties,
    MONEY,
    (p) =>
      p.scope === "event" &&
      p.type === "number" &&
      (!event || p.events.length === 0 || p.events.includes(event)),
  );
  return {
    kind: "rfm",
    event: { event },
    ...(monetary ? { monetary } : {}),
    range: last(12, "month"),
  };
}

export function defaultFunnel(ctx: BlockContext): FunnelQuery {
  const view = pickEvent(ctx.events, PATTERNS.view);
  const cart = pickEvent(ctx.events, PATTERNS.cart, 1);
  const buy = pickEvent(ctx.events, PATTERNS.purchase, 2);
  return {
    kind: "funnel",
    steps: [{ event: view }, { event: cart }, { event: buy }],
    window: { value: 7, unit: "day" },
    range: last(30),
  };
}

export function defaultRetention(ctx: BlockContext): RetentionQuery {
  const first = pickEvent(ctx.events, PATTERNS.signup);
  return {
    kind: "retention",
    target: { event: first },
    return: { event: null },
    interval: "week",
    periods: 8,
    range: last(8, "week"),
  };
}

/** Monday of the week containing a day (the cohort start the retention block defaults to). */
export function weekStartOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow - 7 * 4);
  return d.toISOString().slice(0, 10);
}
