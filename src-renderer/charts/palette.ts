// Okabe-Ito: categories stay distinguishable for the common color-vision deficiencies. Black is left
// out (it vanishes in the dark theme); the order puts the most separable hues first.
export const OKABE_ITO = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#D55E00", // vermillion
  "#F0E442", // yellow
  "#999999", // gray
] as const;

export function categoryColor(i: number): string {
  return OKABE_ITO[((i % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length] ?? "#0072B2";
}

/**
 * Breakdown values: ten hues that stay apart (Okabe-Ito without its gray, then three of Paul Tol's),
 * as many as the default breakdown limit; gray is kept for "Other values" alone. A chart shows at
 * most this many values and folds the rest into Other (see foldBreakdown), so colors never repeat.
 */
export const BREAKDOWN_COLORS = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#882255",
  "#332288",
  "#999933",
] as const;
export const OTHER_COLOR = "#999999";

export function breakdownColor(i: number, other = false): string {
  return other ? OTHER_COLOR : (BREAKDOWN_COLORS[i] ?? OTHER_COLOR);
}

/**
 * A color that belongs to a name (an event in a Sankey), the same in every chart and every run
 * whatever order the answer lists names in: an FNV-1a hash of the name into the breakdown hues.
 * Two names may share a hue; a name never changes hue between runs.
 */
export function nameColor(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return BREAKDOWN_COLORS[(h >>> 0) % BREAKDOWN_COLORS.length] ?? OTHER_COLOR;
}

/** Lifecycle statuses keep one color each in every chart and legend. */
export const LIFECYCLE_COLORS = {
  new: "#0072B2",
  returning: "#009E73",
  resurrecting: "#E69F00",
  dormant: "#D55E00",
} as const;

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h;
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/** Linear blend of two hex colors, t in 0..1. */
export function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  const k = Math.min(1, Math.max(0, t));
  return toHex([x[0] + (y[0] - x[0]) * k, x[1] + (y[1] - x[1]) * k, x[2] + (y[2] - x[2]) * k]);
}

/** WCAG relative luminance, used to pick readable text on a colored cell. */
export function luminance(hex: string): number {
  const lin = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/** Black or white text, whichever contrasts more with the background. */
export function textOn(bg: string): "#111111" | "#ffffff" {
  const l = luminance(bg);
  const onDark = 1.05 / (l + 0.05);
  const onLight = (l + 0.05) / (0.0114 + 0.05);
  return onLight >= onDark ? "#111111" : "#ffffff";
}

/** Built-in one-hue ramps (light to dark), used when the frame's --heat-0..4 tokens are missing. */
export const DEFAULT_RAMP = {
  light: ["#eef0fc", "#c9cef5", "#9aa3ea", "#6b77dc", "#3f4bb8"],
  dark: ["#23264a", "#313a7a", "#4652a8", "#6572d6", "#98a2f5"],
} as const;

/**
 * A color on a sequential ramp (t in 0..1), interpolated between its stops. In the dark theme the
 * ramp runs from the dark background towards a light tint, so "more" is always "more contrast".
 */
export function rampAt(stops: readonly string[], t: number): string {
  if (stops.length === 0) return "#888888";
  if (stops.length === 1) return stops[0] ?? "#888888";
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return mix(stops[i] ?? "#888888", stops[i + 1] ?? "#888888", x - i);
}

export function sequential(t: number, dark: boolean): string {
  return rampAt(dark ? DEFAULT_RAMP.dark : DEFAULT_RAMP.light, t);
}
