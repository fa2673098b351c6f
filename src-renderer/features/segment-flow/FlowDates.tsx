import { Segmented } from "../../ui/Segmented.tsx";

// The dates the flow compares: the end of every day, week or month of the top bar's range, or a
// list typed in, as the side panel edits them and as the query takes them.

export type When = { mode: "every"; every: "day" | "week" | "month" } | { mode: "dates"; text: string };

export function parseDates(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function FlowDates({
  when,
  setWhen,
  shownDates,
}: {
  when: When;
  setWhen: (w: When) => void;
  /** the dates of the result on screen: the list starts from them */
  shownDates: string[] | undefined;
}) {
  return (
    <>
      <h2 className="av-title">Dates</h2>
      <Segmented
        label="Dates"
        value={when.mode === "every" ? when.every : "dates"}
        onChange={(v: "day" | "week" | "month" | "dates") =>
          setWhen(
            v === "dates"
              ? { mode: "dates", text: shownDates?.join(", ") ?? "" }
              : { mode: "every", every: v },
          )
        }
        options={[
          { value: "day", label: "Daily" },
          { value: "week", label: "Weekly" },
          { value: "month", label: "Monthly" },
          { value: "dates", label: "Dates" },
        ]}
      />
      {when.mode === "dates" ? (
        <textarea
          className="input flow-dates"
          aria-label="Dates (YYYY-MM-DD, comma separated)"
          value={when.text}
          onChange={(e) => setWhen({ mode: "dates", text: e.target.value })}
        />
      ) : (
        <p className="range-note">
          The last day of each {when.every} of the top bar's range (2 to 24 dates).
        </p>
      )}
    </>
  );
}
