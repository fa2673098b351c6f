// The seeded event generator shared by every bench: deterministic (same seed, same events), N events
// over about N/10 users, 8 event names including the funnel signup -> view_item -> add_to_cart ->
// purchase, a numeric `price` and string `country` / `platform` properties. Events come user by
// user (each user's in time order); times are ms in the first half of 2024.

export const SEED_EVENT_NAMES = [
  "signup",
  "session_start",
  "page_view",
  "search",
  "view_item",
  "add_to_cart",
  "purchase",
  "logout",
] as const;
export type SeedEventName = (typeof SEED_EVENT_NAMES)[number];

export interface SeedEvent {
  user: string;
  event: SeedEventName;
  /** ms since the epoch */
  time: number;
  props: { country: string; platform: string; price?: number };
}

export interface SeedUser {
  user: string;
  country: string;
  plan: "free" | "pro" | "team";
  createdAt: number;
}

export const SEED_START = Date.UTC(2024, 0, 1);
export const SEED_DAYS = 182;
const DAY = 86_400_000;
const COUNTRIES = ["US", "DE", "FR", "GB", "BR", "IN", "JP", "ES", "IT", "CA", "MX", "NL"];
const PLATFORMS = ["web", "ios", "android"];

/** mulberry32: small, fast and good enough for synthetic data */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** The user profile of user index i (same seed, same profile). */
export function seedUser(i: number, seed = 1): SeedUser {
  const r = rng(seed * 7919 + i * 104729 + 17);
  return {
    user: `u${i}`,
    country: pick(r, COUNTRIES),
    plan: r() < 0.7 ? "free" : r() < 0.8 ? "pro" : "team",
    createdAt: SEED_START + Math.floor(r() * SEED_DAYS * DAY),
  };
}

/** Exactly `events` events, user after user (about 10 per user). */
export function* seedEvents(events: number, seed = 1): Generator<SeedEvent> {
  const r = rng(seed);
  const end = SEED_START + SEED_DAYS * DAY;
  let made = 0;
  for (let i = 0; made < events; i++) {
    const u = seedUser(i, seed);
    const platform = pick(r, PLATFORMS);
    const props = (price?: number) =>
      price === undefined ? { country: u.country, platform } : { country: u.country, platform, price };
    let t = u.createdAt;
    const budget = 2 + Math.floor(-Math.log(1 - r()) * 8); // geometric-ish, mean about 10
    let left = Math.min(budget, events - made);
    const emit = (event: SeedEventName, price?: number): SeedEvent => {
      made++;
      left--;
      return { user: u.user, event, time: Math.floor(t), props: props(price) };
    };
    if (r() < 0.8) yield emit("signup");
    while (left > 0 && t < end) {
      yield emit("session_start");
      const item = Math.round((5 + r() * 195) * 100) / 100;
      for (const [name, p] of [
        ["page_view", 0.7],
        ["search", 0.4],
        ["view_item", 0.6],
        ["add_to_cart", 0.45],
        ["purchase", 0.5],
      ] as const) {
        if (left <= 0) break;
        if (r() >= p) {
          if (name === "view_item" || name === "add_to_cart") break; // the funnel stops here
          continue;
        }
        t += r() * 3 * 3_600_000; // up to 3 h later
        const priced = name === "view_item" || name === "add_to_cart" || name === "purchase";
        yield emit(name, priced ? item : undefined);
      }
      if (left > 0 && r() < 0.3) {
        t += r() * 600_000;
        yield emit("logout");
      }
      t += -Math.log(1 - r()) * 6 * DAY; // next session, mean 6 days later
    }
  }
}
