// Number and time formatting for charts and tables (ui.md "Numbers and time"). Local until the shared
// formatters in src-renderer/ui land; the rules are the same.

const intFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compactFmt = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const moneyFmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function fmtInt(n: number): string {
  return intFmt.format(n);
}

/** Axis ticks: 12.3k rather than 12,300. */
export function fmtCompact(n: number): string {
  return Math.abs(n) < 1000 ? intFmt.format(n) : compactFmt.format(n);
}

/** A share 0..1 as a percentage with one decimal; tiny non-zero shares read "<0.1%". */
export function fmtPct(share: number): string {
  if (!Number.isFinite(share)) return "–";
  if (share > 0 && share < 0.0005) return "<0.1%";
  return `${(share * 100).toFixed(1)}%`;
}

export function fmtMoney(n: number): string {
  return moneyFmt.format(n);
}

/** 45 s, 12 min, 2 h 15 min, 3.5 days. */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "–";
  const s = Math.max(0, seconds);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s - h * 3600) / 60);
    if (m === 60) return `${h + 1} h`;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const d = s / 86_400;
  return `${d < 10 ? Number(d.toFixed(1)) : Math.round(d)} days`;
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-06-03" as "Jun 3, 2024" (dates are already in the workspace timezone). */
export function fmtDate(iso: string, withYear = true): string {
  const [y, m, d] = iso.split("-");
  const name = monthNames[Number(m) - 1] ?? m;
  return withYear ? `${name} ${Number(d)}, ${y}` : `${name} ${Number(d)}`;
}

/** The label of a period that starts on `iso`. */
export function fmtPeriod(iso: string, interval: "day" | "week" | "month"): string {
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
