import { type CSSProperties, type ReactNode, useEffect, useRef } from "react";
import { type ChartOption, echarts } from "./echarts.ts";
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
export function Chart({ option, height, label, busy, empty, error, onClick, className, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const inst = useRef<echarts.EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const theme = useAppTheme();
  const hidden = Boolean(empty || error);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one instance per box; theme changes go through setTheme below
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    registerThemes();
    const chart = echarts.init(el, themeName(theme), { renderer: "canvas" });
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
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
      inst.current = null;
    };
  }, []);

  useEffect(() => {
    registerThemes();
    inst.current?.setTheme(themeName(theme));
  }, [theme]);

  useEffect(() => {
    const chart = inst.current;
    if (!chart || hidden) return;
    chart.setOption(
      { aria: { enabled: true, label: { description: label } }, ...option },
      { notMerge: true },
    );
  }, [option, label, hidden]);

  const style: CSSProperties = { height };
  return (
    <div
      className={`chart ${busy ? "is-busy" : ""} ${className ?? ""}`}
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
