import { useState } from "react";
import type { ShareCopyResult } from "../../../src-preload/contract/methods/export.ts";
import { call } from "../../api/client.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { Dialog } from "../../ui/Dialog.tsx";
import { formatNumber } from "../../ui/format.ts";
import { ErrorState, ProgressBar } from "../../ui/states.tsx";
import { EMPTY_SHARE_FORM, randomKey, type ShareForm, shareOptions, shareProblem } from "./share-options.ts";
import { shareSummary } from "./share-summary.ts";
import "./exports.css";

const fileSize = (b: number) =>
  b >= 1048576
    ? `${formatNumber(Math.round(b / 104857.6) / 10)} MB`
    : `${formatNumber(Math.ceil(b / 1024))} KB`;

// "Share a copy": a separate file for someone else, with what to leave out and whether to seal it.
// The open workspace is never changed.
export function ShareDialog(props: { onClose: () => void }) {
  const name = useWorkspace((s) => s.info?.name ?? "workspace");
  const [form, setForm] = useState<ShareForm>(EMPTY_SHARE_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ShareCopyResult | null>(null);
  const set = (patch: Partial<ShareForm>) => setForm((cur) => ({ ...cur, ...patch }));
  const problem = shareProblem(form);

  const share = async () => {
    setError(null);
    const out = await call("dialogSaveFile", { defaultName: `${name} (shared).strata`, filters: ["strata"] });
    if (!out) return;
    setBusy(true);
    try {
      setDone(await call("shareCopy", shareOptions(form, out)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const footer = done ? (
    <button type="button" className="btn btn-primary" onClick={props.onClose}>
      Close
    </button>
  ) : (
    <>
      <button type="button" className="btn btn-ghost" onClick={props.onClose} disabled={busy}>
        Cancel
      </button>
      <button type="button" className="btn btn-primary" onClick={share} disabled={busy || problem !== null}>
        Share a copy…
      </button>
    </>
  );

  return (
    <Dialog title="Share a copy" onClose={busy ? () => {} : props.onClose} footer={footer} width={560}>
      {done ? (
        <SharedCopy done={done} form={form} />
      ) : (
        <div className="share-options">
          <div className="muted">
            A copy of “{name}”. Everything is included unless you leave it out here.
          </div>
          <div className="share-option">
            <label>
              <input
                type="checkbox"
                checked={!form.events}
                onChange={(e) => set({ events: !e.currentTarget.checked })}
              />
              Without raw events: saved segments, reports and their last results only
            </label>
          </div>
          <div className="share-option">
            <label>
              <input
                type="checkbox"
                checked={form.pseudonymize}
                onChange={(e) =>
                  set({
                    pseudonymize: e.currentTarget.checked,
                    key: form.key || (e.currentTarget.checked ? randomKey() : ""),
                  })
                }
              />
              Pseudonymize user ids (keyed hash; you keep the key)
            </label>
            {form.pseudonymize ? (
              <input
                className="input"
                aria-label="Pseudonymization key"
                value={form.key}
                onChange={(e) => set({ key: e.currentTarget.value })}
              />
            ) : null}
          </div>
          <div className="share-option">
            <label>
              <input
                type="checkbox"
                checked={form.dropPersonal}
                onChange={(e) => set({ dropPersonal: e.currentTarget.checked })}
              />
              Without personal attributes (email, phone, name, address, zip, IP, birthday)
            </label>
            <input
              className="input"
              aria-label="Other attributes to leave out"
              placeholder="Other attributes to leave out, comma separated"
              value={form.dropOthers}
              onChange={(e) => set({ dropOthers: e.currentTarget.value })}
            />
          </div>
          <div className="share-option">
            <label>
              <input
                type="checkbox"
                checked={form.encrypt}
                onChange={(e) => set({ encrypt: e.currentTarget.checked })}
              />
              Encrypt with a passphrase (AES-256-GCM, scrypt)
            </label>
            {form.encrypt ? (
              <>
                <input
                  className="input"
                  type="password"
                  aria-label="Passphrase"
                  placeholder="Passphrase (8 characters or more)"
                  value={form.passphrase}
                  onChange={(e) => set({ passphrase: e.currentTarget.value })}
                />
                <input
                  className="input"
                  type="password"
                  aria-label="Passphrase again"
                  placeholder="The same passphrase again"
                  value={form.confirm}
                  onChange={(e) => set({ confirm: e.currentTarget.value })}
                />
              </>
            ) : null}
          </div>
          {problem && (form.pseudonymize || form.encrypt) ? <div className="muted">{problem}</div> : null}
          {busy ? <ProgressBar label="Writing the copy" value={null} /> : null}
          {error ? <ErrorState error={error} title="The copy could not be written" compact /> : null}
        </div>
      )}
    </Dialog>
  );
}

/** What the copy holds and lost, shown once it is written (`strata share` prints the same). */
export function SharedCopy({ done, form }: { done: ShareCopyResult; form: ShareForm }) {
  const summary = shareSummary(done);
  return (
    <dl className="export-summary" aria-label="Shared copy">
      <dt>File</dt>
      <dd>{done.path}</dd>
      <dt>Size</dt>
      <dd>{fileSize(done.bytes)}</dd>
      {summary.removed ? (
        <>
          <dt>Removed</dt>
          <dd>{summary.removed}</dd>
        </>
      ) : null}
      {summary.replaced ? (
        <>
          <dt>Replaced</dt>
          <dd>{summary.replaced}</dd>
        </>
      ) : null}
      {summary.affected.length > 0 ? (
        <>
          <dt>Answer differently</dt>
          <dd>
            <div className="muted">These saved items use what was removed:</div>
            <ul>
              {summary.affected.map((line) => (
                <li key={line.id}>{line.text}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {summary.resultsDropped.length > 0 ? (
        <>
          <dt>Without results</dt>
          <dd>
            <div className="muted">
              Their last results held removed values and were left out; without events the copy cannot compute
              them:
            </div>
            <ul>
              {summary.resultsDropped.map((line) => (
                <li key={line.id}>{line.text}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {form.encrypt ? (
        <>
          <dt>Opening it</dt>
          <dd>Strata asks for the passphrase. Send the passphrase another way than the file.</dd>
        </>
      ) : null}
      {form.pseudonymize ? (
        <>
          <dt>Your key</dt>
          <dd>
            <code>{form.key}</code>{" "}
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => navigator.clipboard?.writeText(form.key).catch(() => undefined)}
            >
              Copy
            </button>
            <div className="muted">Keep it: with it you can map pseudonyms back to your user ids.</div>
          </dd>
        </>
      ) : null}
    </dl>
  );
}
