import { useMemo, useSyncExternalStore } from "react";
import { DEFAULT_RAMP, OKABE_ITO } from "./palette.ts";

// One ECharts theme per app theme, built from the app's CSS variables so that charts and chrome share
// tokens. The variable names are tried in order (the frame's tokens first), then a built-in fallback,
// so a chart never ends up unreadable because a token is missing.

export type AppTheme = "light" | "dark";

interface Tokens {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  surface: string;
  font: string;
}

const FALLBACK: Record<AppTheme, Tokens> = {
  light: {
    text: "#1f2328",
    muted: "#656d76",
    grid: "#eaeef2",
    axis: "#d0d7de",
    surface: "#ffffff",
    font: "system-ui, -apple-system, 'Segoe UI', sans-serif",
  },
  dark: {
    text: "#e6edf3",
    muted: "#9198a1",
    grid: "#262c34",
    axis: "#3d444d",
    surface: "#161b22",
    font: "system-ui, -apple-system, 'Segoe UI', sans-serif",
  },
};

const NAMES: Record<keyof Tokens, string[]> = {
  text: ["--text", "--fg", "--color-text"],
  muted: ["--text-muted", "--muted", "--fg-muted", "--color-text-muted"],
  grid: ["--border-subtle", "--grid", "--border-muted", "--color-border-subtle"],
  axis: ["--border", "--color-border"],
  surface: ["--surface", "--bg-elevated", "--panel", "--bg", "--color-bg"],
  font: ["--font-ui", "--font-sans", "--font"],
};

function readTokens(theme: AppTheme): Tokens {
  const out = { ...FALLBACK[theme] };
  if (typeof document === "undefined") return out;
  const cs = getComputedStyle(document.documentElement);
  for (const key of Object.keys(NAMES) as (keyof Tokens)[]) {
    for (const name of NAMES[key]) {
      const v = cs.getPropertyValue(name).trim();
      if (v) {
        out[key] = v;
        break;
      }
    }
  }
  return out;
}

function buildTheme(tokens: Tokens): object {
  const axis = {
    axisLine: { lineStyle: { color: tokens.axis } },
    axisTick: { lineStyle: { color: tokens.axis } },
    axisLabel: { color: tokens.muted, fontSize: 11 },
    splitLine: { lineStyle: { color: tokens.grid } },
    nameTextStyle: { color: tokens.muted, fontSize: 11 },
  };
  return {
    color: [...OKABE_ITO],
    backgroundColor: "transparent",
    textStyle: { color: tokens.text, fontFamily: tokens.font },
    categoryAxis: { ...axis, splitLine: { show: false } },
    valueAxis: axis,
    timeAxis: axis,
    legend: {
      textStyle: { color: tokens.muted, fontSize: 12 },
      icon: "roundRect",
      itemWidth: 12,
      itemHeight: 8,
    },
    tooltip: {
      backgroundColor: tokens.surface,
      borderColor: tokens.axis,
      textStyle: { color: tokens.text, fontSize: 12 },
      extraCssText: "box-shadow: 0 4px 16px rgba(0,0,0,.18); border-radius: 6px;",
    },
    line: { symbolSize: 5, lineStyle: { width: 2 } },
    bar: { itemStyle: { borderRadius: 2 } },
  };
}

export function themeName(theme: AppTheme): string {
  return `strata-${theme}`;
}

/**
 * (Re)registers both themes. The CSS variables only hold the active theme's values, so the active one
 * is read from them and the other keeps its fallback until it becomes active.
 */
export function registerThemes(registerTheme: (name: string, theme: object) => void): void {
  const active = currentTheme();
  for (const theme of ["light", "dark"] as const) {
    registerTheme(themeName(theme), buildTheme(theme === active ? readTokens(theme) : FALLBACK[theme]));
  }
}

// The app theme: the <html data-theme> attribute if the frame sets one, else the OS preference.
function currentTheme(): AppTheme {
  if (typeof document === "undefined") return "light";
  const attr = document.documentElement.dataset.theme;
  if (attr === "dark" || attr === "light") return attr;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

function subscribe(onChange: () => void): () => void {
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme", "class", "style"],
  });
  const mq = window.matchMedia?.("(prefers-color-scheme: dark)");
  mq?.addEventListener("change", onChange);
  return () => {
    mo.disconnect();
    mq?.removeEventListener("change", onChange);
  };
}

export function useAppTheme(): AppTheme {
  return useSyncExternalStore(subscribe, currentTheme, () => "light");
}

export interface ThemeColors {
  dark: boolean;
  accent: string;
  text: string;
  muted: string;
  surface: string;
  /** fill for "lost" parts of a chart: drop-offs, incomplete periods */
  faint: string;
  up: string;
  down: string;
  /** sequential heatmap ramp, light to dark (the frame's --heat-0..4) */
  heat: string[];
}

function cssVar(names: string[], fallback: string): string {
  if (typeof document === "undefined") return fallback;
  const cs = getComputedStyle(document.documentElement);
  for (const n of names) {
    const v = cs.getPropertyValue(n).trim();
    if (v.startsWith("#") && (v.length === 7 || v.length === 4)) return v;
  }
  return fallback;
}

/** Colors views pass into option builders (transforms stay pure: they take colors as data). */
export function useThemeColors(): ThemeColors {
  const theme = useAppTheme();
  // One object per theme, so memoized chart options do not rebuild on every render.
  return useMemo(() => themeColors(theme), [theme]);
}

function themeColors(theme: AppTheme): ThemeColors {
  const dark = theme === "dark";
  return {
    dark,
    accent: cssVar(["--accent", "--color-accent"], dark ? "#4c9be8" : "#0b63c4"),
    text: cssVar(["--text", "--fg", "--color-text"], FALLBACK[theme].text),
    muted: cssVar(["--text-muted", "--muted", "--fg-muted"], FALLBACK[theme].muted),
    surface: cssVar(["--surface"], FALLBACK[theme].surface),
    faint: cssVar(["--bg-hover"], dark ? "#26262d" : "#ececef"),
    up: cssVar(["--good"], dark ? "#4cc283" : "#1f8a4c"),
    down: cssVar(["--bad"], dark ? "#f07167" : "#c9372c"),
    heat: [0, 1, 2, 3, 4].map((i) =>
      cssVar([`--heat-${i}`], (dark ? DEFAULT_RAMP.dark : DEFAULT_RAMP.light)[i] ?? "#888888"),
    ),
  };
}
