import type { Product } from "./catalog.ts";
import { cdf } from "./rng.ts";
import type { CartLine, Sim } from "./types.ts";

// In-app feedback: an NPS prompt for users two weeks in (again after two months), CSAT right after
// a purchase, CES (effort, 1 = very hard .. 7 = very easy) after a checkout, and product ratings a
// few days after delivery. Scores follow the user's experience: loyal users are promoters, people
// who hit payment problems are detractors and rate lower.

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

/** -1 for a user whose payments keep failing, up to +0.5 for a happy repeat buyer */
function mood(sim: Sim): number {
  if (sim.user.traits.payRate < 0.3) return -1;
  return sim.state.orders > 1 ? 0.5 : sim.state.orders === 1 ? 0.25 : 0;
}

/** An NPS answer when the prompt is due in this session and the user answers it, else null. */
export function npsDue(sim: Sim, d: number): number | null {
  const { rng, state, user } = sim;
  const due = 14 + 45 * state.npsAnswered;
  if (state.npsAnswered >= 2 || d - user.signupDay < due || d - state.lastNpsPrompt < 21) return null;
  state.lastNpsPrompt = d;
  if (!rng.chance(0.3)) return null;
  state.npsAnswered++;
  return clamp(user.persona.nps + 2.5 * mood(sim) + 1.8 * rng.normal(), 0, 10);
}

/** CSAT after a purchase, CES after a checkout; returns the time of the last event. */
export function postCheckoutSurvey(sim: Sim, sid: string, t: number, paid: boolean): number {
  const { rng } = sim;
  let at = t;
  if (paid && rng.chance(0.14)) {
    at += 5000 + rng.int(40_000);
    const score = clamp(4.1 + 0.9 * mood(sim) + 0.8 * rng.normal(), 1, 5);
    sim.emit(at, "survey_response", { session_id: sid, survey: "csat", score });
  }
  if (rng.chance(0.07)) {
    at += 5000 + rng.int(30_000);
    const score = clamp(5.3 + (paid ? 0.3 : -1.2) + 0.8 * mood(sim) + 1.1 * rng.normal(), 1, 7);
    sim.emit(at, "survey_response", { session_id: sid, survey: "ces", score });
  }
  return at;
}

// Ratings are J-shaped: mostly fives, a bump of ones.
const RATINGS = cdf([5, 3, 7, 22, 63]);
const RATINGS_UNHAPPY = cdf([18, 10, 17, 25, 30]);

/** Bought products may be rated 3-10 days later, at the user's next session. */
export function rateLater(sim: Sim, cart: readonly CartLine[], d: number): void {
  for (const line of cart) {
    if (sim.rng.chance(0.25))
      sim.state.ratingsDue.push({ product: line.product, day: d + 3 + sim.rng.int(8) });
  }
}

export function dueRating(
  sim: Sim,
  d: number,
): { rating: number; product_id: string; category: string } | null {
  const i = sim.state.ratingsDue.findIndex((r) => r.day <= d);
  if (i < 0) return null;
  const [due] = sim.state.ratingsDue.splice(i, 1) as [{ product: Product; day: number }];
  if (!sim.rng.chance(0.6)) return null;
  const rating = 1 + sim.rng.weighted(mood(sim) < 0 ? RATINGS_UNHAPPY : RATINGS);
  return { rating, product_id: due.product.id, category: due.product.category };
}
