import type { Props } from "../store/event-writer.ts";
import { Clock, DAY_MS, DAYS, END_MS, localTimeOn, START_MS, weekdayFactor } from "./calendar.ts";
import { BLASTS, visitBoost } from "./campaigns.ts";
import type { Catalog } from "./catalog.ts";
import { sendMessage } from "./messages.ts";
import { drawUser } from "./profile.ts";
import { Rng } from "./rng.ts";
import { runSession } from "./session.ts";
import type { DemoUser, Sim, UserState } from "./types.ts";

// One user's 120 days, day by day in their own time zone: whether they visit (a decaying chance set
// by their persona, with the weekly rhythm and the sale), the campaigns that reach them, the
// sessions those start, churn, and resurrection when a campaign (or, rarely, nothing at all)
// brings a churned user back.

export interface DemoEvent {
  time: number;
  name: string;
  props: Props;
  /** emission order, to keep events at the same instant in a stable order */
  order: number;
}

export interface SimulatedUser {
  user: DemoUser;
  createdAt: number;
  attributes: Props;
  events: DemoEvent[];
}

const MIN = 60_000;

function initialState(user: DemoUser, rng: Rng): UserState {
  const p = user.persona;
  return {
    alive: true,
    lifeStart: user.signupDay,
    churnDay: user.signupDay + 1 + rng.exp(p.churnMean),
    curve: { base: p.activeBase, floor: p.floor, tau: p.tau },
    lastEnd: Number.NEGATIVE_INFINITY,
    lastSessionDay: user.signupDay,
    sessions: 0,
    orders: 0,
    revenue: 0,
    appVersion: String(user.attributes.app_version),
    cart: [],
    ratingsDue: [],
    npsAnswered: 0,
    lastNpsPrompt: Number.NEGATIVE_INFINITY,
    lastAbandonMessageDay: Number.NEGATIVE_INFINITY,
    pushEnabled: user.pushEnabled,
    emailOptIn: user.emailOptIn,
  };
}

/** A churned user comes back: a fresh, weaker stretch of activity starts on day d. */
function revive(sim: Sim, d: number): void {
  const { rng, state, user } = sim;
  const p = user.persona;
  state.alive = true;
  state.lifeStart = d;
  state.curve = {
    base: 0.6 * Math.max(p.activeBase, 0.4),
    floor: Math.max(p.floor, 0.1),
    tau: Math.max(p.tau, 5),
  };
  state.churnDay = d + 1 + rng.exp(0.6 * Math.max(p.churnMean, 20));
}

function planDay(sim: Sim, d: number): void {
  const { rng, state, user } = sim;
  if (state.alive && d >= state.churnDay) state.alive = false;
  if (!state.alive && d > user.signupDay && rng.chance(0.002)) revive(sim, d);
  const k = d - state.lifeStart;
  if (state.alive && k >= 1) {
    const { base, floor, tau } = state.curve;
    const p = base * (floor + (1 - floor) * Math.exp(-(k - 1) / tau)) * weekdayFactor(d) * visitBoost(d);
    if (rng.chance(Math.min(0.97, p))) {
      const n = 1 + rng.geometric(user.persona.extraSessions);
      for (let i = 0; i < n; i++)
        sim.queue.push({ local: localTimeOn(rng, d), source: "direct", reason: "visit" });
    }
  }
  for (const b of BLASTS[d] ?? []) {
    if (b.channel === "push" ? !state.pushEnabled : !state.emailOptIn) continue;
    const at = d * DAY_MS + b.at + rng.int(10 * MIN);
    if (at <= user.signupLocal) continue;
    if (b.dormantDays !== undefined && d - state.lastSessionDay < b.dormantDays) continue;
    const wasAlive = state.alive;
    const clicked = sendMessage(sim, at, { ...b, reason: "campaign" });
    if (clicked && !wasAlive && rng.chance(b.messageType === "winback" ? 0.5 : 0.2)) revive(sim, d);
  }
}

/** Runs the day's sessions in time order, including those that messages start on the way. */
function runDay(sim: Sim, d: number): void {
  const { rng, state, queue } = sim;
  const dayEnd = (d + 1) * DAY_MS;
  for (;;) {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i];
      if (q && q.local < dayEnd && (best < 0 || q.local < (queue[best]?.local ?? 0))) best = i;
    }
    if (best < 0) return;
    const [plan] = queue.splice(best, 1);
    if (!plan) return;
    // Sessions never overlap: one that would start inside another waits until after it.
    const start = Math.max(plan.local, state.lastEnd + 20 * MIN + rng.int(40 * MIN));
    state.lastEnd = runSession(sim, start, Math.floor(start / DAY_MS), plan);
  }
}

function tier(revenue: number): string {
  return revenue >= 1000 ? "platinum" : revenue >= 400 ? "gold" : revenue >= 100 ? "silver" : "bronze";
}

export function simulateUser(
  seed: number,
  index: number,
  width: number,
  clock: Clock,
  catalog: Catalog,
): SimulatedUser {
  const rng = new Rng(seed, index);
  const user = drawUser(rng, index, width, clock);
  const events: DemoEvent[] = [];
  let order = 0;
  const sim: Sim = {
    rng,
    catalog,
    user,
    state: initialState(user, rng),
    queue: [{ local: user.signupLocal, source: "direct", reason: "signup" }],
    emit(local, name, props) {
      const time = Math.floor(Clock.toUtc(local, user.offsets));
      if (time >= START_MS && time <= END_MS) events.push({ time, name, props, order: order++ });
    },
  };
  for (let day = user.signupDay; day < DAYS; day++) {
    planDay(sim, day);
    runDay(sim, day);
  }
  events.sort((a, b) => a.time - b.time || a.order - b.order);
  const { state } = sim;
  const personaName = user.persona.name;
  const plus =
    (personaName === "power" || personaName === "regular") && rng.chance(personaName === "power" ? 0.3 : 0.1);
  const createdAt =
    events.find((e) => e.name === "signup")?.time ?? Math.floor(Clock.toUtc(user.signupLocal, user.offsets));
  return {
    user,
    createdAt,
    attributes: {
      ...user.attributes,
      signup_date: new Date(createdAt).toISOString().slice(0, 10),
      app_version: state.appVersion,
      plan: plus ? "plus" : "free",
      loyalty_tier: tier(state.revenue),
      push_enabled: state.pushEnabled,
      email_opt_in: state.emailOptIn,
      total_orders: state.orders,
      total_revenue: state.revenue,
    },
    events,
  };
}
