import { normalizeCountry, normalizeEmail, toE164 } from "./normalize.ts";

// Where each identifier comes from: the user's external id and the attributes named email, phone,
// first_name, last_name, city, region, country, zip (any letter case), unless the analyst maps a
// field to another attribute (`--map phone=mobile`).

export const ID_FIELDS = [
  "external_id",
  "email",
  "phone",
  "first_name",
  "last_name",
  "city",
  "region",
  "country",
  "zip",
] as const;
export type IdField = (typeof ID_FIELDS)[number];

export type AttrValue = string | number | boolean | null;

/** One segment member as the engine (or the user table) gives it. */
export interface Member {
  /** users.id (computed columns are looked up by it) */
  id?: number;
  externalId: string;
  attributes: Record<string, AttrValue | undefined>;
}

/** A member's identifiers, read and normalized once, shared by every column of a row. */
export interface Identity {
  externalId: string | null;
  /** text of each field exactly as stored; null when absent or blank */
  raw: Record<IdField, string | null>;
  email: string | null;
  /** E.164 with "+" */
  phone: string | null;
  /** ISO alpha-2, upper case */
  country: string | null;
  attr(name: string): AttrValue | undefined;
}

/**
 * The value as stored, or null when absent or blank. Only the blank test trims: a written value must
 * be the stored one, or it would disagree with segments (the engine compares untrimmed text) and an
 * id would stop matching the campaign tool's copy of it.
 */
export function text(v: AttrValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = typeof v === "string" ? v : String(v);
  return s.trim() === "" ? null : s;
}

export class IdentityResolver {
  /** attribute keys to read per field, in order of preference */
  readonly keys: ReadonlyMap<IdField, readonly string[]>;
  private readonly byLower: ReadonlyMap<string, readonly string[]>;

  /**
   * @param known attribute names present in the workspace (the catalog)
   * @param map field -> attribute name chosen by the analyst
   */
  constructor(known: readonly string[], map: Partial<Record<IdField, string>>) {
    const byLower = new Map<string, string[]>();
    for (const k of known) {
      const l = k.toLowerCase();
      byLower.set(l, [...(byLower.get(l) ?? []), k]);
    }
    this.byLower = byLower;
    const keys = new Map<IdField, string[]>();
    for (const f of ID_FIELDS) {
      const wanted = map[f];
      if (wanted !== undefined) keys.set(f, this.attributeKeys(wanted));
      else if (f !== "external_id") keys.set(f, byLower.get(f) ?? []);
    }
    this.keys = keys;
  }

  /** The keys holding attribute `name`: the exact name first, then other letter cases. */
  attributeKeys(name: string): string[] {
    const same = this.byLower.get(name.toLowerCase()) ?? [];
    return [name, ...same.filter((k) => k !== name)];
  }

  /** Whether the workspace holds any attribute for this field (the external id always exists). */
  has(field: IdField): boolean {
    return field === "external_id" || (this.keys.get(field)?.length ?? 0) > 0;
  }

  resolve(member: Member): Identity {
    const raw = {} as Record<IdField, string | null>;
    for (const field of ID_FIELDS) {
      const keys = this.keys.get(field);
      if (field === "external_id" && keys === undefined) {
        raw[field] = text(member.externalId);
        continue;
      }
      let value: string | null = null;
      for (const k of keys ?? []) {
        value = text(member.attributes[k]);
        if (value !== null) break;
      }
      raw[field] = value;
    }
    const country = raw.country === null ? null : normalizeCountry(raw.country);
    return {
      externalId: raw.external_id,
      raw,
      email: raw.email === null ? null : normalizeEmail(raw.email),
      phone: raw.phone === null ? null : toE164(raw.phone, country),
      country,
      attr: (name) => {
        for (const k of this.attributeKeys(name)) {
          const v = member.attributes[k];
          if (v !== undefined && v !== null) return v;
        }
        return undefined;
      },
    };
  }
}
