// An import's warning as the CLI prints it, in the import's summary and in `strata info`'s log
// alike: the same words for the same rows wherever they are read.

const n = (x: number) => x.toLocaleString("en-US");

export function warningLine(reason: string, w: { count: number; firstLines: readonly number[] }): string {
  return `warning: ${reason}: ${n(w.count)} event${w.count === 1 ? "" : "s"} kept (first lines ${w.firstLines.join(", ")})`;
}
