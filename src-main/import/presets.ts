// Known export layouts: which columns hold the user, the event name, the time and the insert id,
// which key prefixes are containers to strip (`properties.plan` becomes `plan`), and how to spot the
// layout from its column names. Column names are compared normalized (lower case, letters and
// digits only), so `CustomerID`, `customer_id` and `Customer Id` are the same.

export interface Preset {
  name: string;
  description: string;
  /** user id columns in priority order: the first non-empty one is used */
  user: string[];
  event: string[];
  time: string[];
  insertId: string[];
  /** users imports: when the user was created */
  createdAt: string[];
  /** the zone of the layout's times without an offset, when its documentation fixes one */
  timezone?: string;
  /** every row is this event (transaction tables) */
  eventName?: string;
  stripPrefixes: string[];
  /** columns that are never properties (e.g. Segment's message type) */
  drop: string[];
  /** adds `revenue = quantity * unit price` */
  revenue?: { quantity: string[]; price: string[] };
  /** true when the (normalized) column names look like this layout */
  detect(cols: Set<string>): boolean;
}

export const norm = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

const GENERIC_USER = [
  "user_id",
  "userid",
  "user",
  "distinct_id",
  "customer_id",
  "customer",
  "client_id",
  "member_id",
  "account_id",
  "visitor_id",
  "person_id",
  "uid",
  "user_pseudo_id",
  "anonymous_id",
  "email",
];
const GENERIC_EVENT = ["event", "event_name", "event_type", "action", "event_action", "activity"];
const GENERIC_TIME = [
  "time",
  "timestamp",
  "event_time",
  "event_timestamp",
  "ts",
  "datetime",
  "date_time",
  "occurred_at",
  "event_date",
  "created_at",
  "sent_at",
  "received_at",
  "original_timestamp",
  "invoice_date",
  "order_date",
  "date",
];
const GENERIC_INSERT = ["insert_id", "$insert_id", "message_id", "uuid"];
const CREATED = [
  "created_at",
  "signup_date",
  "signed_up_at",
  "created",
  "registration_date",
  "joined_at",
  "first_seen",
];
const QUANTITY = ["quantity", "qty", "units"];
const PRICE = ["unit_price", "unitprice", "price", "item_price"];

const has = (cols: Set<string>, ...names: string[]) => names.every((n) => cols.has(norm(n)));
const hasAny = (cols: Set<string>, names: string[]) => names.some((n) => cols.has(norm(n)));

const base = {
  insertId: GENERIC_INSERT,
  createdAt: CREATED,
  stripPrefixes: [] as string[],
  drop: [] as string[],
};

export const PRESETS: Preset[] = [
  {
    ...base,
    name: "mixpanel",
    description: "Mixpanel raw export: event, properties.distinct_id, properties.time (epoch seconds)",
    user: ["properties.distinct_id", "distinct_id"],
    event: ["event"],
    time: ["properties.time", "time"],
    insertId: ["properties.$insert_id", "$insert_id"],
    stripPrefixes: ["properties."],
    detect: (c) => has(c, "properties.distinct_id") || has(c, "$insert_id", "distinct_id"),
  },
  {
    ...base,
    name: "amplitude",
    description: "Amplitude export: user_id (else device_id), event_type, event_time (UTC), event_properties",
    user: ["user_id", "device_id", "amplitude_id"],
    event: ["event_type"],
    time: ["event_time", "client_event_time"],
    timezone: "UTC",
    insertId: ["$insert_id", "insert_id", "uuid"],
    stripPrefixes: ["event_properties."],
    drop: ["user_properties", "data", "groups", "group_properties"],
    detect: (c) => has(c, "amplitude_id") || has(c, "event_type", "event_time", "device_id"),
  },
  {
    ...base,
    name: "segment",
    description: "Segment track calls: userId (else anonymousId), event, timestamp, properties, messageId",
    user: ["userId", "anonymousId"],
    event: ["event"],
    time: ["timestamp", "originalTimestamp", "sentAt", "receivedAt"],
    insertId: ["messageId"],
    stripPrefixes: ["properties."],
    drop: [
      "type",
      "context.library.name",
      "context.library.version",
      "sentAt",
      "receivedAt",
      "originalTimestamp",
    ],
    detect: (c) => has(c, "messageId") || has(c, "anonymousId"),
  },
  {
    ...base,
    name: "posthog",
    description: "PostHog events export: distinct_id, event, timestamp, properties, uuid",
    user: ["distinct_id", "person_id"],
    event: ["event"],
    time: ["timestamp"],
    insertId: ["uuid"],
    stripPrefixes: ["properties."],
    drop: ["elements_chain"],
    detect: (c) => has(c, "distinct_id", "uuid", "event"),
  },
  {
    ...base,
    name: "ga4",
    description:
      "GA4 BigQuery export, flattened: user_id (else user_pseudo_id), event_name, event_timestamp (us), event_params.*",
    user: ["user_id", "user_pseudo_id"],
    event: ["event_name"],
    time: ["event_timestamp"],
    insertId: [],
    stripPrefixes: ["event_params."],
    drop: ["event_date", "event_bundle_sequence_id"],
    detect: (c) =>
      has(c, "event_timestamp", "user_pseudo_id") || has(c, "event_timestamp", "event_name", "event_date"),
  },
  {
    ...base,
    name: "transactions",
    description:
      "one row per purchase line (e.g. invoice lines): every row is one `purchase` event, revenue = quantity x unit price",
    user: ["customer_id", "customer", "user_id", "client_id", "account_id", "email"],
    event: [],
    time: [
      "invoice_date",
      "order_date",
      "purchase_date",
      "transaction_date",
      "date",
      "time",
      "timestamp",
      "created_at",
    ],
    eventName: "purchase",
    revenue: { quantity: QUANTITY, price: PRICE },
    detect: (c) => hasAny(c, QUANTITY) && hasAny(c, PRICE) && !hasAny(c, GENERIC_EVENT),
  },
  {
    ...base,
    name: "generic",
    description:
      "a wide table: user, event and time columns found by their names, every other column a property",
    user: GENERIC_USER,
    event: GENERIC_EVENT,
    time: GENERIC_TIME,
    detect: () => true,
  },
];

export function presetByName(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name.toLowerCase());
}

export function detectPreset(columns: string[]): Preset {
  const cols = new Set(columns.map(norm));
  return PRESETS.find((p) => p.detect(cols)) as Preset;
}

export const GENERIC = { user: GENERIC_USER, event: GENERIC_EVENT, time: GENERIC_TIME, createdAt: CREATED };
