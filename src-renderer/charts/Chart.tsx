import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from "react";
import type { ChartOption, EChartsInstance } from "./echarts.ts";
import { registerThemes, themeName, useAppTheme } from "./theme.ts";
import "./charts.css";

export interface ChartClick {
  seriesName?: string;
  seriesIndex?: number;
  dataIndex: number;
  name: string;
  value: unknown;
  data: unknown;
}

export interface ChartProps {
  option: ChartOption;
  /** fixed height in px: the box keeps its size through loading, empty and error states */
  height: number;
  /** what the chart shows, for screen readers */
  label: string;
  busy?: boolean;
  /** no answer yet: a quiet placeholder that fades in after 150 ms */
  loading?: boolean;
  /** replaces the chart with a message (no data) */
  empty?: ReactNode;
  error?: ReactNode;
  onClick?: (p: ChartClick) => void;
  className?: string;
  testId?: string;
}

/**
 * The one ECharts host: creates the instance once, follows the app theme, resizes with its box, and
 * disposes on unmount. Options are replaced, not merged, so removed series really go away.
 */
// ECharts is loaded on first use, in its own chunk: the start screen and the data views do not pay
// for it, and every chart after the first gets it at once.
let engine: Promise<typeof import("./echarts.ts")> | null = null;
function loadECharts() {
  engine ??= import("./echarts.ts");
  return engine;
}

export function Chart({
  option,
  height,
  label,
  busy,
  loading,
  empty,
  error,
  onClick,
  className,
  testId,
}: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const inst = useRef<EChartsInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const theme = useAppTheme();
  const themeRef = useRef(theme);
  themeRef.current = theme;
  const [ready, setReady] = useState(false);
  const hidden = Boolean(empty || error);

  // One instance per box, created once ECharts has loaded; theme changes go through setTheme below.
  useEffect(() => {
    let live = true;
    let ro: ResizeObserver | null = null;
    let chart: EChartsInstance | null = null;
    void loadECharts().then(({ echarts }) => {
      const el = box.current;
      if (!live || !el) return;
      registerThemes(echarts.registerTheme);
      chart = echarts.init(el, themeName(themeRef.current), { renderer: "canvas" });
      inst.current = chart;
      chart.on("click", (p) => {
        const e = p as unknown as ChartClick;
        clickRef.current?.({
          seriesName: e.seriesName,
          seriesIndex: e.seriesIndex,
          dataIndex: e.dataIndex,
          name: e.name,
          value: e.value,
          data: e.data,
        });
      });
      const c = chart;
      ro = new ResizeObserver(() => c.resize());
      ro.observe(el);
      setReady(true);
    });
    return () => {
      live = false;
      ro?.disconnect();
      chart?.dispose();
      inst.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    void loadECharts().then(({ echarts }) => {
      registerThemes(echarts.registerTheme);
      inst.current?.setTheme(themeName(theme));
    });
  }, [theme, ready]);

  useEffect(() => {
    const chart = inst.current;
    if (!chart || hidden || !ready) return;
    chart.setOption(
      { aria: { enabled: true, label: { description: label } }, ...option },
      { notMerge: true },
    );
  }, [option, label, hidden, ready]);

  const style: CSSProperties = { height };
  return (
    <div
      className={`chart ${busy ? "is-busy" : ""} ${loading && !hidden ? "is-loading" : ""} ${className ?? ""}`}
      style={style}
      data-testid={testId}
      aria-busy={busy || undefined}
    >
      <div
        ref={box}
        className="chart-canvas"
        role="img"
        aria-label={label}
        style={{ visibility: hidden ? "hidden" : "visible" }}
      />
      {hidden ? (
        <div className={`chart-overlay ${error ? "is-error" : ""}`} role={error ? "alert" : "status"}>
          {error ?? empty}
        </div>
      ) : null}
    </div>
  );
}
