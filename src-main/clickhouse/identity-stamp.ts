import { deleteRows } from "./delete-rows.ts";
import type { ChClient } from "./http.ts";
import { metaRow, SYNC_INSERT } from "./layout.ts";
import { str } from "./literal.ts";
import type { People } from "./people.ts";

// Identity merge decides which person each event is sent under (people.ts), and push sends an
// event once. When the merge changes after a push for users whose events are already there (an
// import links an anonymous id pushed before to a user, or the setting is switched), those events
// sit under the wrong person. The cluster's meta records which merge the events were sent with (key
// "identity": the last user id then, and People.mergedUpTo of it); a push that finds the local merge
// of those users different deletes the cluster's events, users and aliases and this workspace's
// push log, and sends everything again. A link that only merges users who came later costs nothing:
// their events were never sent.
//
// The record is written once the cluster holds no event sent with another merge: before the first
// event of a workspace, at the start of a push whose merge agrees, or after the deletion has been
// waited for. So wherever a push is killed, the record is true of every event on the cluster:
// killed before the deletion is complete, the old record is still there and the next push deletes
// again; killed after, the next push resumes batch by batch as any killed push does. The events go
// first and the push log last: a push log left without events would otherwise let the next push
// believe nothing was there yet.

/** Deleting every row of a table rewrites all its parts: allowed far longer than a batch. */
const WHOLE_TABLE_SECONDS = 3600;

interface SentWith {
  /** the last user id when the record was written: no later user's event was sent with it */
  upTo: number;
  /** People.mergedUpTo(upTo) then */
  merged: string;
}

/**
 * The record read back; a cluster pushed before it existed has none and sent every event under its
 * own user, which is "nobody merged" for every user. A damaged one agrees with nothing.
 */
function sentWith(recorded: string | null): SentWith | null {
  if (recorded === null) return { upTo: Number.POSITIVE_INFINITY, merged: "" };
  try {
    const value: unknown = JSON.parse(recorded);
    if (typeof value !== "object" || value === null || !("upTo" in value) || !("merged" in value))
      return null;
    const { upTo, merged } = value;
    return typeof upTo === "number" && typeof merged === "string" ? { upTo, merged } : null;
  } catch {
    return null;
  }
}

/**
 * Makes the cluster's events agree with the local merge before push sends anything; true when
 * what was there had to be deleted, so every event and user is sent again.
 */
export async function settleIdentity(ch: ChClient, workspace: string, people: People): Promise<boolean> {
  const [row] = await ch.rows<{ v: string; n: number }>(
    "SELECT argMax(value, version) AS v, count() AS n FROM meta WHERE key = 'identity'",
  );
  const before = sentWith(row && row.n > 0 ? row.v : null);
  const now: SentWith = { upTo: people.lastUserId, merged: people.mergedUpTo(people.lastUserId) };
  const agrees = before !== null && people.mergedUpTo(before.upTo) === before.merged;
  if (agrees && before.upTo === now.upTo) return false;
  let resend = false;
  if (!agrees) {
    const [held] = await ch.rows<{ n: number }>(
      `SELECT count() AS n FROM push_log WHERE workspace = ${str(workspace)}`,
    );
    resend = (held?.n ?? 0) > 0;
  }
  if (resend) {
    const whole = (table: "events" | "users" | "identity") =>
      deleteRows(ch, table, "1", `the ${table} sent with another identity merge`, WHOLE_TABLE_SECONDS);
    await whole("events");
    await whole("users");
    await whole("identity");
    await deleteRows(
      ch,
      "push_log",
      `workspace = ${str(workspace)}`,
      "the push log of events sent with another identity merge",
      WHOLE_TABLE_SECONDS,
    );
  }
  await ch.insert("INSERT INTO meta", metaRow("identity", JSON.stringify(now), Date.now()), SYNC_INSERT);
  return resend;
}
