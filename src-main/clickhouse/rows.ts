// A workspace row as a line of JSONEachRow in the cluster's layout (see layout.ts).

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function bits(x: number): string {
  f64[0] = x;
  return String(u64[0]);
}

interface PropArrays {
  keys: string[];
  types: number[];
  bits: string[];
  str: string[];
  lower: string[];
}

/** Properties JSON as parallel arrays; null, objects and arrays count as missing, as in the engine. */
export function propArrays(json: string | null): PropArrays {
  const out: PropArrays = { keys: [], types: [], bits: [], str: [], lower: [] };
  if (json === null) return out;
  let obj: unknown;
  try {
    obj = JSON.parse(json);
  } catch {
    return out;
  }
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return out;
  for (const [k, value] of Object.entries(obj)) {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) continue;
      out.keys.push(k);
      out.types.push(1);
      out.bits.push(bits(value));
      out.str.push("");
      out.lower.push("");
    } else if (typeof value === "string") {
      out.keys.push(k);
      out.types.push(2);
      out.bits.push("0");
      out.str.push(value);
      out.lower.push(value.toLowerCase());
    } else if (typeof value === "boolean") {
      out.keys.push(k);
      out.types.push(3);
      out.bits.push(bits(value ? 1 : 0));
      out.str.push("");
      out.lower.push("");
    }
  }
  return out;
}

function props(prefix: string, a: PropArrays): string {
  return (
    `"${prefix}_keys":${JSON.stringify(a.keys)},"${prefix}_types":[${a.types.join(",")}],` +
    `"${prefix}_bits":[${a.bits.join(",")}],"${prefix}_str":${JSON.stringify(a.str)},` +
    `"${prefix}_lower":${JSON.stringify(a.lower)}`
  );
}

export interface EventRow {
  seq: number;
  user_id: number;
  name: string;
  time: number;
  properties: string | null;
}

// Events repeat the same few property objects (country, platform, plan ...): their JSON fragment
// is kept by the properties' text, which made building a batch several times faster.
const fragments = new Map<string, string>();
const MAX_FRAGMENTS = 50_000;

function eventProps(json: string | null): string {
  const key = json ?? "";
  let f = fragments.get(key);
  if (f === undefined) {
    f = props("p", propArrays(json));
    if (fragments.size >= MAX_FRAGMENTS) fragments.clear();
    fragments.set(key, f);
  }
  return f;
}

export function eventLine(r: EventRow, importId: number, batch: number): string {
  return (
    `{"user":${r.user_id},"seq":${r.seq},"time":${Math.trunc(r.time)},"event":${JSON.stringify(r.name)},` +
    `"import_id":${importId},"batch":${batch},${eventProps(r.properties)}}`
  );
}

export interface UserRow {
  id: number;
  external_id: string;
  created_at: number | null;
  attributes: string | null;
}

export function userLine(r: UserRow, version: number): string {
  const has = r.created_at !== null && Number.isFinite(r.created_at);
  return (
    `{"user":${r.id},"external_id":${JSON.stringify(r.external_id)},"has_created":${has ? 1 : 0},` +
    `"created_at":${has ? Math.trunc(r.created_at as number) : 0},"version":${version},` +
    `${props("a", propArrays(r.attributes))}}`
  );
}
