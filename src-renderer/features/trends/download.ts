import { toCsv } from "../../ui/csv.ts";

// Chart exports from the renderer: a Blob handed to the browser's download (Electron asks where to
// save it). CSV cells go through toCsv, which neutralizes values that look like formulas.

function save(name: string, url: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCsv(name: string, rows: (string | number | null)[][]): void {
  const text = toCsv(rows);
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  save(name, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chart's canvas as a PNG (ECharts draws on one canvas per chart). */
export function downloadPng(name: string, box: HTMLElement | null): boolean {
  const canvas = box?.querySelector("canvas");
  if (!canvas) return false;
  save(name, canvas.toDataURL("image/png"));
  return true;
}
