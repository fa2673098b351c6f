import { useState } from "react";
import { Timeline } from "../members/Timeline.tsx";

// Finds one user by the id the analyst has (a support ticket, a CRM record) and shows their
// timeline in place of the property lists. With identity merge, an anonymous id shows the person
// it was merged into.

export function UserLookup(props: { timezone: string; children: React.ReactNode }) {
  const [draft, setDraft] = useState("");
  const [userId, setUserId] = useState<string | null>(null);
  return (
    <>
      <form
        className="user-lookup"
        aria-label="Look up a user"
        onSubmit={(e) => {
          e.preventDefault();
          const id = draft.trim();
          if (id !== "") setUserId(id);
        }}
      >
        <input
          className="input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="Look up a user by id"
          aria-label="User id"
          spellCheck={false}
        />
        <button type="submit" className="btn btn-sm" disabled={draft.trim() === ""}>
          Look up
        </button>
      </form>
      {userId !== null ? (
        <Timeline userId={userId} timezone={props.timezone} onClose={() => setUserId(null)} />
      ) : (
        props.children
      )}
    </>
  );
}
