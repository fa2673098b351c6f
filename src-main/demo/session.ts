import { outOfBounds } from "../engine/typed-index.ts";
import { inSale, latestRelease } from "./campaigns.ts";
import { CATEGORIES, CATEGORY_CDF, PAYMENT_METHODS, type Product, paymentNames } from "./catalog.ts";
import { sendMessage } from "./messages.ts";
import type { Feature } from "./personas.ts";
import { dueRating, npsDue, postCheckoutSurvey, rateLater } from "./surveys.ts";
import type { CartLine, PlannedSession, Sim } from "./types.ts";

// One app session: open, maybe sign up, search and browse products, add some to the cart, and
// perhaps check out and pay. A cart left behind stays for the next session and may trigger a
// cart-abandonment push or e-mail a few hours later.

const SEC = 1000;
const FEATURE_CHANCE: Record<Feature, number> = {
  wishlist: 0.08,
  search: 0.5,
  compare: 0.07,
  reviews: 0.1,
  share: 0.04,
};

function pickProduct(sim: Sim): Product {
  const { rng, catalog, user } = sim;
  const x = rng.next();
  const cat = x < 0.55 ? user.favourites[0] : x < 0.75 ? user.favourites[1] : rng.weighted(CATEGORY_CDF);
  const list = catalog.byCategory[cat] ?? catalog.byCategory[0] ?? [];
  return list[rng.weighted(catalog.popularity)] ?? outOfBounds();
}

function quantity(sim: Sim, p: Product): number {
  const multi = CATEGORIES.find((c) => c.name === p.category)?.multi ?? 0.1;
  return sim.rng.chance(multi) ? 2 + sim.rng.geometric(0.4) : 1;
}

const money = (x: number) => Math.round(x * 100) / 100;
const cartValue = (cart: readonly CartLine[]) =>
  money(cart.reduce((s, l) => s + l.product.price * l.quantity, 0));
const cartItems = (cart: readonly CartLine[]) => cart.reduce((s, l) => s + l.quantity, 0);

function coupon(sim: Sim, d: number, plan: PlannedSession): { code: string | null; off: number } {
  const { rng, state } = sim;
  if (inSale(d) && rng.chance(0.6)) return { code: "FALL20", off: 0.2 };
  if (state.orders === 0 && rng.chance(0.4)) return { code: "WELCOME10", off: 0.1 };
  if (plan.reason === "cart_return" && rng.chance(0.5)) return { code: "COMEBACK15", off: 0.15 };
  if (rng.chance(0.05)) return { code: "FREESHIP", off: 0 };
  return { code: null, off: 0 };
}

/** Runs the session that starts at local time `start` on day d; returns when it ended. */
export function runSession(sim: Sim, start: number, day: number, plan: PlannedSession): number {
  const { rng, user, state } = sim;
  const { traits, persona } = user;
  state.sessions++;
  state.lastSessionDay = day;
  const sid = `${user.tag}-${state.sessions}`;
  const shift = start - plan.local;
  for (const event of plan.lead ?? [])
    sim.emit(event.local + shift, event.name, { ...event.props, session_id: sid });
  if (user.platform !== "web" && state.appVersion !== latestRelease(day)) {
    if (rng.chance(user.platform === "ios" ? 0.35 : 0.22)) state.appVersion = latestRelease(day);
  }
  let time = start;
  const step = (mean: number) => {
    time += SEC + Math.floor(rng.exp(mean));
    return time;
  };
  sim.emit(time, "session_start", { session_id: sid, app_version: state.appVersion, source: plan.source });
  if (user.platform !== "web") {
    time += 150 + rng.int(1200);
    sim.emit(time, "app_open", { session_id: sid });
  }
  if (plan.reason === "signup") {
    sim.emit(step(40 * SEC), "signup", { session_id: sid, method: user.attributes.signup_method ?? "email" });
    if (state.emailOptIn)
      sendMessage(sim, time + 30 * SEC, {
        channel: "email",
        campaign: "welcome",
        messageType: "lifecycle",
        open: 0.45,
        click: 0.2,
        reason: "campaign",
      });
  }
  const rating = dueRating(sim, day);
  if (rating) sim.emit(step(8 * SEC), "rating_submitted", { session_id: sid, ...rating });
  const nps = npsDue(sim, day);
  if (nps !== null)
    sim.emit(step(20 * SEC), "survey_response", { session_id: sid, survey: "nps", score: nps });
  const has = (f: Feature) => traits.features.includes(f);
  if (rng.chance(has("search") ? 0.5 : 0.25)) {
    sim.emit(step(10 * SEC), "search", { session_id: sid, query_length: 3 + rng.geometric(8) });
    if (has("search") && rng.chance(FEATURE_CHANCE.search))
      sim.emit(step(6 * SEC), "feature_used", { session_id: sid, feature: "search" });
  }
  const sale = inSale(day);
  const fromMessage = plan.reason !== "visit" && plan.reason !== "signup";
  const views = 1 + rng.geometric(persona.views * (plan.reason === "cart_return" ? 0.4 : sale ? 1.25 : 1));
  const cartRate = traits.cartRate * (sale ? 1.4 : 1) * (fromMessage ? 1.3 : 1);
  let added = 0;
  for (let i = 0; i < views; i++) {
    const product = pickProduct(sim);
    sim.emit(step(25 * SEC), "view_item", {
      session_id: sid,
      product_id: product.id,
      category: product.category,
      price: product.price,
      brand: product.brand,
    });
    for (const feature of ["reviews", "compare", "wishlist", "share"] as const) {
      if (has(feature) && rng.chance(FEATURE_CHANCE[feature]))
        sim.emit(step(15 * SEC), "feature_used", { session_id: sid, feature });
    }
    if (rng.chance(cartRate)) {
      const units = quantity(sim, product);
      sim.emit(step(12 * SEC), "add_to_cart", {
        session_id: sid,
        product_id: product.id,
        category: product.category,
        price: product.price,
        quantity: units,
      });
      state.cart.push({ product, quantity: units });
      added++;
    }
  }
  if (state.cart.length === 0) return time + rng.int(60 * SEC);
  // A cart carried over from an earlier session is checked out less often than a fresh one.
  let checkout = traits.checkoutRate * (added > 0 ? 1 : 0.25);
  if (plan.reason === "cart_return") checkout = Math.max(0.3, traits.checkoutRate * 1.4);
  if (sale) checkout = Math.min(0.95, checkout * 1.2);
  let paid = false;
  const checkedOut = rng.chance(checkout);
  if (checkedOut) {
    const value = cartValue(state.cart);
    sim.emit(step(30 * SEC), "checkout_started", {
      session_id: sid,
      cart_value: value,
      items: cartItems(state.cart),
    });
    if (rng.chance(traits.payRate)) {
      paid = true;
      const discount = coupon(sim, day, plan);
      const top = state.cart.reduce((a, b) => (b.product.price > a.product.price ? b : a));
      const revenue = money(value * (1 - discount.off));
      state.orders++;
      state.revenue = money(state.revenue + revenue);
      const method = paymentNames(user.platform)[rng.weighted(PAYMENT_METHODS[user.platform])] ?? "card";
      sim.emit(step(45 * SEC), "purchase", {
        session_id: sid,
        order_id: `O${user.tag}-${state.orders}`,
        revenue,
        items: cartItems(state.cart),
        category: top.product.category,
        payment_method: method,
        coupon: discount.code,
      });
      rateLater(sim, state.cart, day);
      state.cart = [];
    }
  }
  if (checkedOut) time = postCheckoutSurvey(sim, sid, time, paid);
  if (
    !paid &&
    (state.pushEnabled || state.emailOptIn) &&
    day - state.lastAbandonMessageDay >= 3 &&
    rng.chance(0.7)
  ) {
    state.lastAbandonMessageDay = day;
    const push = state.pushEnabled && (!state.emailOptIn || rng.chance(0.6));
    sendMessage(sim, time + 3_600_000 + rng.int(3 * 3_600_000), {
      channel: push ? "push" : "email",
      campaign: "cart_abandonment",
      messageType: "triggered",
      open: push ? 0.16 : 0.38,
      click: push ? 0.55 : 0.35,
      reason: "cart_return",
    });
  }
  return time + rng.int(90 * SEC);
}
