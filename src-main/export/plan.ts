import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ExportPreset } from "../../src-preload/contract/methods/export.ts";
import { COMPUTED_COLUMNS, isComputedColumn } from "../../src-preload/contract/predict.ts";
import { csvCells, csvLine } from "./csv.ts";
import {
  type AttrValue,
  ID_FIELDS,
  type Identity,
  IdentityResolver,
  type IdField,
  type Member,
} from "./identity.ts";
import { type Column, PRESETS, type Preset } from "./presets/index.ts";

// Turns a preset, the workspace's attribute names and the analyst's choices (extra attributes,
// --map) into the file's exact header and a function from a member to one output line.

export interface ExportStats {
  members: number;
  written: number;
  /** members left out because they lack the preset's required identifier */
  missingIdentifier: number;
  /** values present but unusable (not an email, a phone that cannot be put in E.164, an unknown country) */
  invalid: { email: number; phone: number; country: number };
}

export function emptyStats(): ExportStats {
  return { members: 0, written: 0, missingIdentifier: 0, invalid: { email: 0, phone: 0, country: 0 } };
}

export interface ExportPlan {
  preset: Preset;
  header: string[];
  /** the header as the file holds it (a CSV header's cells are neutralized like any other) */
  headerCells: string[];
  attributes: string[];
  headerLine(): string;
  /** the member's line (with its newline), or null when it lacks the required identifier */
  line(m: Member, stats: ExportStats): string | null;
  /** the member's cells exactly as `line` writes them (for previews), or null like `line` */
  cells(m: Member, stats: ExportStats): string[] | null;
}

export interface PlanOptions {
  /** attribute names present in the workspace */
  known: readonly string[];
  attributes?: readonly string[] | undefined;
  map?: Readonly<Record<string, string>> | undefined;
}

function mapFields(preset: Preset, map: Readonly<Record<string, string>>): Partial<Record<IdField, string>> {
  const out: Partial<Record<IdField, string>> = {};
  for (const [key, attr] of Object.entries(map)) {
    const field = (ID_FIELDS as readonly string[]).includes(key.toLowerCase())
      ? (key.toLowerCase() as IdField)
      : preset.columns.find((c) => c.header.toLowerCase() === key.toLowerCase())?.field;
    if (field === undefined) {
      throw new StrataError(
        "invalid_request",
        `--map ${key}=${attr}: "${key}" is not a field of the ${preset.name} preset (use one of ${[
          ...ID_FIELDS,
          ...preset.columns.map((c) => c.header),
        ].join(", ")})`,
      );
    }
    if (attr.trim() === "") throw new StrataError("invalid_request", `--map ${key}= needs an attribute name`);
    out[field] = attr.trim();
  }
  return out;
}

/**
 * A name the analyst typed (--attributes, --map) must be an attribute of the workspace or a computed
 * column: a typo would read as a column of missing values (resources/docs/queries.md), written with
 * exit 0.
 */
function requireKnown(names: readonly string[], known: readonly string[], option: string): void {
  const have = new Set(known);
  const unknown = names.filter((n) => !have.has(n) && !isComputedColumn(n));
  if (unknown.length === 0) return;
  const shown = known.slice(0, 20).join(", ");
  throw new StrataError(
    "invalid_request",
    `${option}: no user attribute ${unknown.map((n) => JSON.stringify(n)).join(", ")} in this workspace (known: ${shown || "none"}${known.length > 20 ? ", ..." : ""}; computed: ${COMPUTED_COLUMNS.join(", ")})`,
  );
}

export function buildPlan(name: ExportPreset, opts: PlanOptions): ExportPlan {
  const preset = PRESETS[name];
  const fields = mapFields(preset, opts.map ?? {});
  requireKnown(Object.values(fields), opts.known, "--map");
  requireKnown(opts.attributes ?? [], opts.known, "--attributes");
  const resolver = new IdentityResolver(opts.known, fields);
  const columns: Column[] = preset.columns.filter(
    (c) => preset.alwaysColumns.includes(c.header) || resolver.has(c.field),
  );
  const chosen = opts.attributes ?? [];
  if (!preset.extraAttributes && chosen.length > 0) {
    throw new StrataError(
      "invalid_request",
      `the ${preset.name} preset takes no extra attributes (its columns are fixed by ${preset.label})`,
    );
  }
  const taken = new Set(columns.map((c) => c.header.toLowerCase()));
  const wanted =
    opts.attributes === undefined && (preset.name === "csv" || preset.name === "ndjson")
      ? opts.known
      : chosen;
  const attributes: string[] = [];
  for (const attribute of wanted) {
    if (taken.has(attribute.toLowerCase())) continue;
    taken.add(attribute.toLowerCase());
    attributes.push(attribute);
  }
  const header = [...columns.map((c) => c.header), ...attributes];
  const verbatim = [...columns.map((c) => c.verbatim === true), ...attributes.map(() => false)];
  const checked = new Set(columns.map((c) => c.field));

  function identify(m: Member, stats: ExportStats): Identity | null {
    stats.members++;
    const id = resolver.resolve(m);
    if (checked.has("email") && id.raw.email !== null && id.email === null) stats.invalid.email++;
    if (checked.has("phone") && id.raw.phone !== null && id.phone === null) stats.invalid.phone++;
    if (id.raw.country !== null && id.country === null && (checked.has("country") || checked.has("phone")))
      stats.invalid.country++;
    if (!preset.hasRequired(id)) {
      stats.missingIdentifier++;
      return null;
    }
    stats.written++;
    return id;
  }

  /** One value per header column; free attributes exactly as stored. */
  function valuesOf(id: Identity): AttrValue[] {
    return [...columns.map((c) => c.value(id)), ...attributes.map((a) => id.attr(a) ?? null)];
  }

  // line and cells (the preview) both go through rowOf, so a preview cannot drift from the file
  function rowOf(id: Identity): string[] {
    const texts = valuesOf(id).map((v) => (v === null ? "" : String(v)));
    return preset.format === "csv" ? csvCells(texts, verbatim) : texts;
  }

  function line(m: Member, stats: ExportStats): string | null {
    const id = identify(m, stats);
    if (id === null) return null;
    if (preset.format === "csv") return csvLine(rowOf(id));
    const values = valuesOf(id);
    const record: Record<string, AttrValue> = Object.create(null); // "__proto__" stays a column
    header.forEach((name, at) => {
      record[name] = values[at] ?? null;
    });
    return `${JSON.stringify(record)}\n`;
  }

  function cells(m: Member, stats: ExportStats): string[] | null {
    const id = identify(m, stats);
    return id === null ? null : rowOf(id);
  }

  const headerCells = preset.format === "csv" ? csvCells(header) : header;
  return {
    preset,
    header,
    headerCells,
    attributes,
    headerLine: () => (preset.format === "csv" ? csvLine(headerCells) : ""),
    line,
    cells,
  };
}
