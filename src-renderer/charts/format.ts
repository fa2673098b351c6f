import { formatDuration, formatNumber, formatPercent } from "../ui/format.ts";

// Number and time formatting for charts and tables (ui.md "Numbers and time"). Counts, shares and
// durations go through the app's shared formatters so a number reads the same in every view; what is
// chart-specific (compact axis ticks, period labels) lives here.

const intFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const moneyFmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function fmtInt(n: number): string {
  return formatNumber(Math.round(n));
}

const smallFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Axis ticks: 12.3k rather than 12,300; a fraction below 1,000 keeps it (0.2, never a second "0"). */
export function fmtCompact(n: number): string {
  if (Math.abs(n) >= 1000) return compactFmt.format(n);
  return Number.isInteger(n) ? intFmt.format(n) : smallFmt.format(n);
}

/** A share 0..1 as a percentage with one decimal; tiny non-zero shares read "<0.1%". */
export function fmtPct(share: number): string {
  return formatPercent(share);
}

export function fmtMoney(n: number): string {
  return moneyFmt.format(n);
}

/** 45 s, 12 min, 2 h 15 min, 3.5 days. */
export function fmtDuration(seconds: number | null | undefined): string {
  return formatDuration(seconds);
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-06-03" as "Jun 3, 2024" (dates are already in the workspace timezone). */
export function fmtDate(iso: string, withYear = true): string {
  const [y, m, d] = iso.split("-");
  const name = monthNames[Number(m) - 1] ?? m;
  return withYear ? `${name} ${Number(d)}, ${y}` : `${name} ${Number(d)}`;
}

/** The label of a period that starts on `iso`. */
export function fmtPeriod(iso: string, interval: "hour" | "day" | "week" | "month"): string {
  // an hour is labelled by its local start, "2024-06-03T13:00"
  if (interval === "hour") return `${fmtDate(iso.slice(0, 10), false)}, ${iso.slice(11, 16)}`;
  if (interval === "month") {
    const [y, m] = iso.split("-");
    return `${monthNames[Number(m) - 1] ?? m} ${y}`;
  }
  return interval === "week" ? `Week of ${fmtDate(iso, false)}` : fmtDate(iso, false);
}

/** Tooltip formatters return HTML: names from the data must not become markup. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Axis label of a period: "Aug 3" for days and weeks, "Aug 2026" for months (tooltips say more). */
export function fmtPeriodShort(iso: string, interval: "day" | "week" | "month"): string {
  if (interval === "month") return fmtPeriod(iso, "month");
  return fmtDate(iso, false);
}
