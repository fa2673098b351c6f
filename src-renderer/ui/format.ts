import type { Range } from "../../src-preload/contract/common.ts";

// Number, share, duration and date formatting per the UI guide. Pure, so views and tests agree.

const intFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** 12408 -> "12,408"; non-integers keep up to two decimals. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return Number.isInteger(n) ? intFmt.format(n) : decFmt.format(n);
}

/** A share 0..1 as a percentage with one decimal; tiny non-zero shares read "<0.1%". */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  const pct = share * 100;
  if (pct > 0 && pct < 0.05) return "<0.1%";
  if (pct > 99.95 && pct < 100) return ">99.9%";
  return `${pct.toFixed(1)}%`;
}

/** "users / total" as a share, safe for a zero total. */
export function share(part: number, total: number): number {
  return total > 0 ? part / total : 0;
}

/** Humanized duration: 45 s, 12 min, 2 h 15 min, 3.5 days. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "–";
  const s = Math.max(0, seconds);
  if (s < 1) return s === 0 ? "0 s" : "<1 s";
  if (s < 60) return `${Math.round(s)} s`;
  // rounding must not print "60 min" or "24 h": those belong to the next unit
  if (s < 3570) return `${Math.round(s / 60)} min`;
  if (s < 86_400 - 30) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s - h * 3600) / 60);
    if (m === 60) return `${h + 1} h`;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const days = s / 86_400;
  const rounded = Math.round(days * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${rounded === 1 ? "day" : "days"}`;
}

function dateFmt(timezone: string | undefined, withTime: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
    ...(timezone ? { timeZone: timezone } : {}),
  });
}

/** An instant shown in the workspace timezone: "Jun 3, 2024" (or with time). */
export function formatInstant(iso: string | null | undefined, timezone?: string, withTime = false): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFmt(timezone, withTime).format(d);
}

/** A calendar day YYYY-MM-DD (already in the workspace zone): "Jun 3, 2024". */
export function formatDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return dateFmt("UTC", false).format(d);
}

/** The calendar day of an instant in a timezone, YYYY-MM-DD. */
export function dayInZone(iso: string, timezone: string): string {
  const d = new Date(iso);
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function addMonths(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** Resolves a Range to whole days ending on the as-of day (spec/queries.md: Range). */
export function resolveRange(range: Range, asOf: string): { from: string; to: string } {
  if ("from" in range) return { from: range.from, to: range.to };
  if (range.unit === "day") return { from: addDays(asOf, -(range.last - 1)), to: asOf };
  if (range.unit === "week") return { from: addDays(asOf, -(range.last * 7 - 1)), to: asOf };
  return { from: addDays(addMonths(asOf, -range.last), 1), to: asOf };
}

/** "Last 30 days (May 2 – May 31, 2024)" or "Jun 1 – Jun 30, 2024". */
export function formatRange(range: Range, asOf?: string): string {
  const span = (from: string, to: string) =>
    from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
  if ("from" in range) return span(range.from, range.to);
  const unit = range.last === 1 ? range.unit : `${range.unit}s`;
  const label = `Last ${range.last} ${unit}`;
  if (!asOf) return label;
  const r = resolveRange(range, asOf);
  return `${label} (${span(r.from, r.to)})`;
}

/** Short label without resolved dates, for pickers and summaries. */
export function rangeLabel(range: Range): string {
  if ("from" in range) return `${formatDay(range.from)} – ${formatDay(range.to)}`;
  if (range.last === 1 && range.unit === "day") return "on the as-of day";
  return `in the last ${range.last} ${range.last === 1 ? range.unit : `${range.unit}s`}`;
}

/** "Oct 2 – Oct 31" for compact controls (the year is in the tooltip). */
export function shortSpan(from: string, to: string): string {
  const f = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
  const d = (s: string) => f.format(new Date(`${s}T12:00:00Z`));
  return from === to ? d(from) : `${d(from)} – ${d(to)}`;
}

export { addDays, addMonths };
