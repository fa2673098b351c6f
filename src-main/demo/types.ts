import type { Props } from "../store/event-writer.ts";
import type { Catalog, Product } from "./catalog.ts";
import type { Persona, Traits } from "./personas.ts";
import type { Rng } from "./rng.ts";

// Shared shapes of the simulation: a user's fixed profile, their changing state, and the sink that
// collects their events in local time and turns them into UTC.

export type Platform = "ios" | "android" | "web";

export interface DemoUser {
  index: number;
  externalId: string;
  /** a short tag for session and order ids */
  tag: string;
  persona: Persona;
  traits: Traits;
  platform: Platform;
  channel: string;
  campaign: string | null;
  country: string;
  tz: string;
  offsets: Float64Array;
  pushEnabled: boolean;
  emailOptIn: boolean;
  /** indices into CATEGORIES: the favourite, then the second favourite */
  favourites: readonly [number, number];
  signupDay: number;
  /** local ms of the signup (see calendar.localTimeOn) */
  signupLocal: number;
  /** attributes known at signup (identity, geography, acquisition) */
  attributes: Props;
}

export interface CartLine {
  product: Product;
  quantity: number;
}

export interface UserState {
  /** false once the user has churned; a campaign click may bring them back */
  alive: boolean;
  /** the day their current stretch of activity began (signup, or a resurrection) */
  lifeStart: number;
  churnDay: number;
  /** the daily visit chance: base on the first day after lifeStart, decaying over tau days to floor */
  curve: { base: number; floor: number; tau: number };
  /** local ms at which the last session ended */
  lastEnd: number;
  lastSessionDay: number;
  sessions: number;
  orders: number;
  revenue: number;
  appVersion: string;
  cart: CartLine[];
  ratingsDue: { product: Product; day: number }[];
  npsAnswered: number;
  lastNpsPrompt: number;
  /** still reachable: people opt out of pushes and unsubscribe from e-mails over time */
  pushEnabled: boolean;
  emailOptIn: boolean;
  lastAbandonMessageDay: number;
}

/** A session waiting to happen: a planned visit or one started by a message. */
export interface PlannedSession {
  local: number;
  source: "direct" | "push" | "email";
  reason: "visit" | "signup" | "campaign" | "cart_return";
  campaign?: string;
  /** events that open this session (a push open and click), given its session_id when it runs */
  lead?: { local: number; name: string; props: Props }[];
}

export interface Sim {
  rng: Rng;
  catalog: Catalog;
  user: DemoUser;
  state: UserState;
  /** sessions started by messages, not yet run */
  queue: PlannedSession[];
  emit(local: number, name: string, props: Props): void;
}
