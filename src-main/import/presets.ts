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
  /**
   * Identity merge: the columns of a row's anonymous id and of its identified id. A row with both
   * links them (identities table). `anonAliases`: prefixes the layout writes before an anonymous
   * id when it is the event's user (Mixpanel's `$device:`), so the link finds that user too.
   */
  identity?: { anonymous: string[]; identified: string[]; anonAliases?: string[] };
  /** columns under these prefixes are user attributes (the prefix dropped), not event properties */
  userAttrPrefixes?: string[];
  /** a JSON record's nested layout rewritten as plain keys before it is flattened (GA4's event_params) */
  reshape?: (rec: Record<string, unknown>) => Record<string, unknown>;
  /** true when the (normalized) column names look like this layout */
  detect(cols: Set<string>): boolean;
}

import { reshapeGa4 } from "./ga4.ts";

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

const startsWith = (cols: Set<string>, prefix: string) => {
  const p = norm(prefix);
  for (const c of cols) if (c.startsWith(p) && c.length > p.length) return true;
  return false;
};

export const PRESETS: Preset[] = [
  {
    ...base,
    name: "posthog",
    description:
      "PostHog events export: distinct_id, event, timestamp, properties.* (prefix dropped), person.properties.* as user attributes, uuid",
    user: ["distinct_id", "person_id"],
    event: ["event"],
    time: ["timestamp"],
    insertId: ["uuid"],
    stripPrefixes: ["properties."],
    drop: ["elements_chain", "properties.$set_once", "properties.$set_once_json"],
    identity: {
      anonymous: ["properties.$anon_distinct_id", "$anon_distinct_id"],
      identified: ["distinct_id"],
    },
    userAttrPrefixes: ["person.properties.", "person_properties.", "properties.$set."],
    detect: (c) =>
      has(c, "distinct_id", "event") &&
      (has(c, "uuid") ||
        has(c, "elements_chain") ||
        startsWith(c, "person.properties.") ||
        startsWith(c, "person_properties.")),
  },
  {
    ...base,
    name: "mixpanel",
    description: "Mixpanel raw export: event, properties.distinct_id, properties.time (epoch seconds)",
    user: ["properties.distinct_id", "distinct_id"],
    event: ["event"],
    time: ["properties.time", "time"],
    insertId: ["properties.$insert_id", "$insert_id"],
    stripPrefixes: ["properties."],
    identity: {
      anonymous: ["properties.$device_id", "$device_id", "properties.$anon_id", "$anon_id"],
      identified: ["properties.$user_id", "$user_id", "properties.$identified_id", "$identified_id"],
      anonAliases: ["$device:"],
    },
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
    identity: { anonymous: ["device_id"], identified: ["user_id"] },
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
    // an identify call carries both; an alias call names the old id in previousId
    identity: { anonymous: ["anonymousId", "previousId"], identified: ["userId"] },
    detect: (c) => has(c, "messageId") || has(c, "anonymousId"),
  },
  {
    ...base,
    name: "ga4",
    description:
      "GA4 BigQuery export (NDJSON, or flattened CSV): user_id (else user_pseudo_id), event_name, event_timestamp (us), event_params as typed properties, user_properties as attributes",
    user: ["user_id", "user_pseudo_id"],
    event: ["event_name"],
    time: ["event_timestamp"],
    insertId: [],
    stripPrefixes: ["event_params."],
    drop: [
      "event_date",
      "event_bundle_sequence_id",
      "event_server_timestamp_offset",
      "event_previous_timestamp",
      "privacy_info",
      "batch_event_index",
      "batch_page_id",
      "batch_ordering_id",
    ],
    identity: { anonymous: ["user_pseudo_id"], identified: ["user_id"] },
    userAttrPrefixes: ["user_properties."],
    reshape: reshapeGa4,
    detect: (c) =>
      has(c, "event_timestamp", "user_pseudo_id") || has(c, "event_timestamp", "event_name", "event_date"),
  },
  {
    ...base,
    name: "clevertap",
    description:
      "CleverTap event export (JSON): profile.identity (else profile.objectId), eventName, ts (YYYYMMDDHHmmss), event_props.*, profile.* as user attributes",
    user: ["profile.identity", "profile.objectId"],
    event: ["eventName", "event_name", "evtName"],
    time: ["ts"],
    insertId: [],
    stripPrefixes: ["event_props.", "session_props."],
    drop: ["profile.all_identities", "profile.events", "profile.push_token"],
    identity: { anonymous: ["profile.objectId"], identified: ["profile.identity"] },
    userAttrPrefixes: ["profile."],
    detect: (c) => has(c, "ts") && (has(c, "profile.objectId") || has(c, "profile.identity")),
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
