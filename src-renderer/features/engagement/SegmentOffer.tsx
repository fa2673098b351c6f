import { usePick } from "../../report/use-pick.ts";
import { useNavigation } from "../../store/navigation.ts";
import type { SegmentDraft } from "./segment-from.ts";

// "Create segment from this" under an engagement chart: the chart's click picks a group of users,
// this strip names it and hands it to the segment builder. A pick belongs to the query it was made
// on, so a new answer (another range, event or interval) clears it.

export function useSegmentPick(queryKey: string) {
  const pick = usePick<SegmentDraft>(queryKey);
  return { draft: pick.value, choose: pick.choose };
}

export function SegmentOffer({
  draft,
  hint,
  testId,
}: {
  draft: SegmentDraft | null;
  hint: string;
  testId: string;
}) {
  const createSegmentFrom = useNavigation((s) => s.createSegmentFrom);
  return (
    <div className="selection-strip" data-testid={testId}>
      {draft ? (
        <button type="button" className="btn" onClick={() => createSegmentFrom(draft.name, draft.definition)}>
          Create segment: {draft.name.charAt(0).toLowerCase()}
          {draft.name.slice(1)}
        </button>
      ) : (
        <span className="muted">{hint}</span>
      )}
    </div>
  );
}
