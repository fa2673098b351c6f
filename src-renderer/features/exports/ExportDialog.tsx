import type { Segment } from "../../../src-preload/contract/segment.ts";

// Placeholder until the export dialog lands.
export function ExportDialog(props: {
  segment: { id?: string; name: string; definition: Segment };
  onClose: () => void;
}) {
  return (
    <div role="dialog" aria-label="Export">
      Export of {props.segment.name} is being built.
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
