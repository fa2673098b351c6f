import { useState } from "react";
import { call } from "../../api/client.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { Dialog } from "../../ui/Dialog.tsx";
import { ErrorState, ProgressBar } from "../../ui/states.tsx";
import "./exports.css";

// Opening an encrypted shared copy: ask for its passphrase. A wrong passphrase or a changed file is
// said plainly and nothing else happens (the open workspace, if any, stays open).
export function OpenEncryptedDialog(props: { path: string; onClose: () => void }) {
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = props.path.split(/[\\/]/).pop() ?? props.path;

  const open = async () => {
    if (passphrase === "") return;
    setBusy(true);
    setError(null);
    try {
      const info = await call("workspaceOpen", { path: props.path, passphrase });
      useWorkspace.getState().setInfo(info);
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Encrypted copy"
      onClose={busy ? () => {} : props.onClose}
      width={460}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={open}
            disabled={busy || passphrase === ""}
          >
            Open
          </button>
        </>
      }
    >
      <p className="muted">
        “{name}” is an encrypted Strata copy. Enter the passphrase it was shared with; Strata decrypts it into
        its data folder and opens it there.
      </p>
      <label className="field">
        <span>Passphrase</span>
        <input
          className="input"
          type="password"
          value={passphrase}
          disabled={busy}
          onChange={(e) => setPassphrase(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && open()}
        />
      </label>
      {busy ? <ProgressBar label="Checking the passphrase and decrypting" value={null} /> : null}
      {error ? <ErrorState error={error} title="The copy could not be opened" compact /> : null}
    </Dialog>
  );
}
