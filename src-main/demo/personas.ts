import type { Rng } from "./rng.ts";

// Who the users are. A persona sets how often a user comes back and for how long; buyer traits set
// how far down the funnel they go. The mix depends on the acquisition channel: paid social brings
// many one-and-done installs, referrals and organic search bring people who stay.

export type PersonaName = "one_and_done" | "casual" | "regular" | "power";

export interface Persona {
  name: PersonaName;
  /** chance of a visit on the day after signup, before the weekday and campaign factors */
  activeBase: number;
  /** the long-run visit chance, as a share of activeBase */
  floor: number;
  /** days over which visits decay from activeBase towards the floor */
  tau: number;
  /** mean days until the user stops coming (unless a campaign brings them back) */
  churnMean: number;
  /** mean number of extra sessions on a day with a visit */
  extraSessions: number;
  /** mean number of products viewed per session, beyond the first */
  views: number;
  /** chance the user ever puts anything in a cart */
  buyer: number;
  /** centre of their NPS answers (0-10) */
  nps: number;
}

export const PERSONAS: Record<PersonaName, Persona> = {
  one_and_done: {
    name: "one_and_done",
    activeBase: 0,
    floor: 0,
    tau: 1,
    churnMean: 1,
    extraSessions: 0,
    views: 0.9,
    buyer: 0.28,
    nps: 5.5,
  },
  casual: {
    name: "casual",
    activeBase: 0.6,
    floor: 0.1,
    tau: 5,
    churnMean: 28,
    extraSessions: 0.1,
    views: 0.8,
    buyer: 0.36,
    nps: 7,
  },
  regular: {
    name: "regular",
    activeBase: 0.6,
    floor: 0.35,
    tau: 20,
    churnMean: 100,
    extraSessions: 0.25,
    views: 1.2,
    buyer: 0.6,
    nps: 8,
  },
  power: {
    name: "power",
    activeBase: 0.65,
    floor: 0.8,
    tau: 30,
    churnMean: 300,
    extraSessions: 0.3,
    views: 1.5,
    buyer: 0.8,
    nps: 9,
  },
};

const ORDER: readonly PersonaName[] = ["one_and_done", "casual", "regular", "power"];

/** Persona weights by acquisition channel, in ORDER. */
const MIX: Record<string, readonly number[]> = {
  organic: [34, 44, 15, 7],
  referral: [28, 44, 19, 9],
  paid_search: [38, 43, 13, 6],
  paid_social: [55, 35, 8, 2],
  email: [38, 44, 13, 5],
  affiliate: [48, 39, 10, 3],
};

export function drawPersona(rng: Rng, channel: string): Persona {
  const w = MIX[channel] ?? MIX.organic ?? [1];
  let x = rng.next() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < w.length; i++) {
    x -= w[i] ?? 0;
    if (x < 0) return PERSONAS[ORDER[i] ?? "casual"];
  }
  return PERSONAS.casual;
}

export const FEATURES = ["wishlist", "search", "compare", "reviews", "share"] as const;
export type Feature = (typeof FEATURES)[number];
const ADOPTION: Record<Feature, number> = {
  wishlist: 0.3,
  search: 0.4,
  compare: 0.15,
  reviews: 0.45,
  share: 0.1,
};

/** What a user does once in a session (cart, checkout, purchase) and which features they use. */
export interface Traits {
  /** chance that a viewed product goes into the cart */
  cartRate: number;
  /** chance that a session with a cart goes to checkout */
  checkoutRate: number;
  /** chance that a checkout is paid */
  payRate: number;
  /** how much a push or e-mail interests them (scales open rates) */
  responsiveness: number;
  features: readonly Feature[];
}

export function drawTraits(rng: Rng, p: Persona): Traits {
  const buyer = rng.chance(p.buyer);
  // Some people fill carts as wish lists and never check out; some meet a payment problem.
  const abandoner = rng.chance(0.55);
  const friction = rng.chance(0.35);
  const boost = p.name === "power" ? 1.6 : p.name === "regular" ? 1.25 : 1;
  return {
    cartRate: buyer ? 0.05 + 0.16 * rng.next() : 0,
    checkoutRate: abandoner ? 0.04 : 0.35 + 0.3 * rng.next(),
    payRate: friction ? 0.1 : 0.63 + 0.3 * rng.next(),
    responsiveness: Math.exp(0.5 * rng.normal()) * (p.name === "one_and_done" ? 0.7 : 1),
    features: FEATURES.filter((f) => rng.chance(Math.min(0.95, ADOPTION[f] * boost))),
  };
}
