import { fmtPct } from "../../charts/format.ts";
import type { Incoming } from "../../report/tab-kit.tsx";

// What the metric tabs share: their props, the interval choices and how an undefined rate reads.

export type TabProps = { incoming: Incoming | null };
export const INTERVALS = [
  { value: "day", label: "Daily" },
  { value: "week", label: "Weekly" },
  { value: "month", label: "Monthly" },
] as const;
export const rate = (v: number | null) => (v === null ? "–" : fmtPct(v));
