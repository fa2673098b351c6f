// GA4's BigQuery export nests an event's parameters as a list of {key, value} where the value sits
// in one of string_value, int_value, float_value or double_value (BigQuery writes INT64 as a JSON
// string). Flattening that as it is stores one JSON text per event; this turns it into one typed
// key per parameter (`event_params.page_location`, `event_params.ga_session_id`), and the same for
// user_properties (which become user attributes).

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

const INT = /^-?\d+$/;

/** The typed value of one GA4 parameter; undefined when every slot is null. */
export function ga4Value(value: unknown): string | number | boolean | undefined {
  if (!isRecord(value)) return undefined;
  const s = value.string_value;
  if (typeof s === "string") return s;
  const i = value.int_value;
  if (typeof i === "number") return i;
  // integers beyond 2^53 (ids) stay their digits, as everywhere else in the import
  if (typeof i === "string" && INT.test(i)) return Number.isSafeInteger(Number(i)) ? Number(i) : i;
  for (const k of ["double_value", "float_value"]) {
    const d = value[k];
    if (typeof d === "number") return d;
    if (typeof d === "string" && d.trim() !== "" && Number.isFinite(Number(d))) return Number(d);
  }
  return undefined;
}

function unwrap(list: unknown, prefix: string, out: Rec): boolean {
  if (!Array.isArray(list)) return false;
  for (const p of list) {
    if (!isRecord(p) || typeof p.key !== "string") continue;
    const v = ga4Value(p.value);
    if (v !== undefined) out[`${prefix}.${p.key}`] = v;
  }
  return true;
}

/** A GA4 record with event_params and user_properties as plain typed keys. */
export function reshapeGa4(rec: Rec): Rec {
  if (!Array.isArray(rec.event_params) && !Array.isArray(rec.user_properties)) return rec;
  const out: Rec = {};
  for (const k in rec) {
    if ((k === "event_params" || k === "user_properties") && unwrap(rec[k], k, out)) continue;
    out[k] = rec[k];
  }
  return out;
}
