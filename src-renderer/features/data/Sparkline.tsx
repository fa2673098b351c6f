// A tiny inline SVG sparkline of daily counts (no chart library for a 80x20 line).
export function sparkPath(values: number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const x = (i * step).toFixed(1);
      const y = (height - 1 - (v / max) * (height - 2)).toFixed(1);
      return `${i === 0 ? "M" : "L"}${x},${y}`;
    })
    .join("");
}

export function Sparkline(props: { values: number[]; width?: number; height?: number; label: string }) {
  const w = props.width ?? 80;
  const h = props.height ?? 20;
  const d = sparkPath(props.values, w, h);
  const total = props.values.reduce((a, b) => a + b, 0);
  return (
    <svg className="spark" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.label}>
      <title>{`${props.label}: ${total.toLocaleString("en-US")} events over ${props.values.length} days`}</title>
      {d ? <path d={`${d}L${w},${h}L0,${h}Z`} className="spark-area" /> : null}
      {d ? <path d={d} className="spark-line" fill="none" /> : null}
    </svg>
  );
}
