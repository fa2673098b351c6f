// Placeholder until the share dialog lands.
export function ShareDialog(props: { onClose: () => void }) {
  return (
    <div role="dialog" aria-label="Share a copy">
      Sharing is being built.
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  );
}
