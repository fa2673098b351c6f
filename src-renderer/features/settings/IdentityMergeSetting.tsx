import { useState } from "react";
import { call } from "../../api/client.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { formatNumber } from "../../ui/format.ts";

/**
 * The workspace's identity merge switch: what it does, how many ids it joins, and the switch. Every
 * view's numbers follow (their queries re-run when the workspace's settings change).
 */
export function IdentityMergeSetting() {
  const info = useWorkspace((s) => s.info);
  const setInfo = useWorkspace((s) => s.setInfo);
  // the switch shows the choice at once; the counts follow when the engine has recounted
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!info) return null;
  const id = info.identities ?? { merge: true, links: 0, merged: 0 };
  const saving = pending !== null;
  const toggle = (merge: boolean) => {
    setPending(merge);
    setError(null);
    call("workspaceSetSettings", { identityMerge: merge })
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setPending(null));
  };
  return (
    <div className="setting" data-testid="identity-merge">
      <label className="setting-switch">
        <input
          type="checkbox"
          checked={pending ?? id.merge}
          disabled={saving}
          onChange={(e) => toggle(e.target.checked)}
        />
        <span className="setting-name">Merge anonymous ids into the users they signed up as</span>
      </label>
      <p className="muted small">
        Exports from Mixpanel, Amplitude, Segment, PostHog, GA4 and CleverTap carry the id a person had before
        signing up beside the one they got after. Merged, each person is counted once in every funnel,
        retention table, segment and export. Off, the two ids are two users.
      </p>
      <p className="small" data-testid="identity-merge-count">
        {id.links === 0
          ? "The imports recorded no anonymous ids linked to a user."
          : id.merge
            ? `${formatNumber(id.merged)} anonymous ${id.merged === 1 ? "id is" : "ids are"} merged (${formatNumber(id.links)} ${id.links === 1 ? "link" : "links"} recorded by imports).`
            : `Off: ${formatNumber(id.links)} recorded ${id.links === 1 ? "link is" : "links are"} not applied.`}
      </p>
      {saving ? <p className="muted small">Recounting…</p> : null}
      {error ? (
        <p className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
