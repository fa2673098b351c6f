import type { JourneySpec, JourneyUser } from "../../../helpers/journeys.ts";

// Synthetic workspaces with a known cause of buying, for the propensity tests.
//
// Every user browses ("view") on random days and sometimes adds to cart ("cart"). In "signal" mode
// the chance of a purchase on a day grows with the carts of the 14 days before it, so recent carts
// predict buying and a model should beat "bought in the last horizon". In "noise" mode purchases
// are coin flips independent of everything: a model that sees only the past must score near 0.5.

export const AS_OF = "2024-06-30";
const START = Date.parse("2024-01-01T00:00:00Z");
const END = Date.parse("2024-07-01T00:00:00Z");
const CUTOFF = Date.parse("2024-06-17T00:00:00Z"); // as-of minus 14 days, end of 2024-06-16
const DAY = 86_400_000;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function planted(users: number, mode: "signal" | "noise", seed = 7): JourneySpec {
  const rnd = mulberry32(seed);
  const spec: JourneySpec = {};
  for (let i = 0; i < users; i++) {
    const events: [string, number][] = [];
    const first = START + Math.floor(rnd() * (END - START - 20 * DAY));
    const activity = 0.02 + rnd() * 0.3;
    const cartiness = rnd() < 0.5 ? 0.05 : 0.5;
    const cartDays: number[] = [];
    for (let day = first; day < END; day += DAY) {
      const t = day + Math.floor(rnd() * DAY * 0.9);
      if (rnd() < activity) {
        events.push(["view", t]);
        if (rnd() < cartiness) {
          events.push(["cart", t + 60_000]);
          cartDays.push(day);
        }
      }
      if (mode === "signal") {
        const recent = cartDays.filter((c) => c < day && c >= day - 14 * DAY).length;
        if (rnd() < 0.002 + 0.02 * recent) events.push(["purchase", t + 120_000]);
      }
    }
    if (mode === "noise") {
      // one purchase before and one after the cutoff, each a coin flip
      if (rnd() < 0.3)
        events.push(["purchase", Math.max(first, CUTOFF - 30 * DAY) + Math.floor(rnd() * 10 * DAY)]);
      if (rnd() < 0.3) events.push(["purchase", CUTOFF + Math.floor(rnd() * 13 * DAY)]);
    }
    events.sort((a, b) => a[1] - b[1]);
    const user: JourneyUser = { events, attributes: { plan: rnd() < 0.3 ? "pro" : "free" } };
    spec[`u${i}`] = user;
  }
  return spec;
}
