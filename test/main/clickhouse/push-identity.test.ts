import { afterEach, describe, expect, it } from "vitest";
import { push } from "../../../src-main/clickhouse/push.ts";
import { get, run, sql } from "../../../src-main/db/sql.ts";
import { setIdentityMerge } from "../../../src-main/workspace/identity.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { CapturingClient } from "../../helpers/capturing-client.ts";
import { journeys } from "../../helpers/journeys.ts";
import { importSegment, segmentFile, segmentWorkspace } from "../../helpers/segment-identity.ts";

// Push honours identity merge as the local timeline does (engine/columns/identity.ts): a merged
// anonymous user's events go under the identified user, and only the identified user is a user.
// The cluster here is a client that keeps what push inserts.

interface EventLine {
  user: number;
  event: string;
}
interface UserLine {
  user: number;
  external_id: string;
  has_created: number;
  created_at: number;
}
interface AliasLine {
  alias: string;
  user: number;
}

const idOf = (ws: Workspace, external: string): number | undefined =>
  get<{ id: number }>(ws.db, sql`SELECT id FROM users WHERE external_id = ${external}`)?.id;

let open: Workspace[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

describe("push with identity merge", () => {
  it("sends a merged anonymous user's events under the identified user, and that user only", async () => {
    const ws = await segmentWorkspace();
    open.push(ws);
    const alice = idOf(ws, "alice");
    const anon = idOf(ws, "anon-1");
    const bob = idOf(ws, "bob");
    expect(alice && anon && bob).toBeTruthy();
    const ch = new CapturingClient();
    const report = await push(ws.db, ch);
    const events = ch.lines<EventLine>("events");
    expect(events.map((e) => [e.event, e.user])).toEqual([
      ["view_item", alice],
      ["purchase", alice],
      ["view_item", bob],
    ]);
    expect(report.usersSent).toBe(2);
    expect(ch.lines<UserLine>("users").map((u) => u.external_id)).toEqual(
      expect.arrayContaining(["alice", "bob"]),
    );
    expect(ch.lines<UserLine>("users")).toHaveLength(2);
    const aliases = new Map(ch.lines<AliasLine>("identity").map((a) => [a.alias, a.user]));
    expect(aliases).toEqual(
      new Map([
        ["anon-1", alice],
        ["alice", alice],
        ["bob", bob],
      ]),
    );
  });

  it("with the merge off, every id is its own user, as locally", async () => {
    const ws = await segmentWorkspace();
    open.push(ws);
    setIdentityMerge(ws.db, false);
    const ch = new CapturingClient();
    const report = await push(ws.db, ch);
    expect(ch.lines<EventLine>("events")[0]?.user).toBe(idOf(ws, "anon-1"));
    expect(report.usersSent).toBe(3);
    expect(new Map(ch.lines<AliasLine>("identity").map((a) => [a.alias, a.user])).get("anon-1")).toBe(
      idOf(ws, "anon-1"),
    );
  });

  it("an identified user without created_at takes the earliest of its anonymous ids'", async () => {
    const j = journeys({
      "anon-a": { events: [["view", "2024-06-01T09:00Z"]], createdAt: "2024-05-20T00:00Z" },
      "anon-b": { events: [["view", "2024-06-01T08:00Z"]], createdAt: "2024-05-10T00:00Z" },
      alice: [["buy", "2024-06-01T10:00Z"]],
      carol: { events: [["buy", "2024-06-01T10:00Z"]], createdAt: "2024-05-30T00:00Z" },
      "anon-c": { events: [["view", "2024-06-01T08:00Z"]], createdAt: "2024-05-01T00:00Z" },
    });
    try {
      const links: [string, string][] = [
        ["anon-a", "alice"],
        ["anon-b", "alice"],
        ["anon-c", "carol"],
      ];
      for (const [anon, user] of links)
        run(j.ws.db, sql`INSERT INTO identities (anon_id, user_id) VALUES (${anon}, ${user})`);
      const ch = new CapturingClient();
      await push(j.ws.db, ch);
      const created = new Map(
        ch.lines<UserLine>("users").map((u) => [u.external_id, u.has_created ? u.created_at : null]),
      );
      // carol keeps her own created_at; alice had none and takes anon-b's, the earlier
      expect(created).toEqual(
        new Map([
          ["alice", Date.parse("2024-05-10T00:00Z")],
          ["carol", Date.parse("2024-05-30T00:00Z")],
        ]),
      );
    } finally {
      j.close();
    }
  });

  it("sends what it read before waiting on the cluster, never events of an import that came in while it waited", async () => {
    const file = await segmentFile();
    const ws = Workspace.open(file, { readonly: false });
    open.push(ws);
    // anon-2 views, then buys as carol: both users new, anon-2 merged into carol
    const later = [
      {
        type: "track",
        event: "view_item",
        anonymousId: "anon-2",
        userId: null,
        timestamp: "2024-06-03T09:00:00Z",
      },
      {
        type: "track",
        event: "purchase",
        anonymousId: "anon-2",
        userId: "carol",
        timestamp: "2024-06-03T09:10:00Z",
      },
    ].map((row, i) => JSON.stringify({ ...row, messageId: `later-${i}`, properties: {} }));
    // the import commits while push waits on the cluster's first answer
    class Racing extends CapturingClient {
      private raced = false;
      override async rows<T>(): Promise<T[]> {
        if (!this.raced) {
          this.raced = true;
          await importSegment(file, later);
        }
        return [];
      }
    }
    const first = new Racing();
    await push(ws.db, first);
    expect(idOf(ws, "carol")).toBeDefined();
    expect(first.lines<EventLine>("events").map((e) => e.event)).toEqual([
      "view_item",
      "purchase",
      "view_item",
    ]);
    expect(
      first
        .lines<UserLine>("users")
        .map((u) => u.external_id)
        .sort(),
    ).toEqual(["alice", "bob"]);
    expect(
      first
        .lines<AliasLine>("identity")
        .map((a) => a.alias)
        .sort(),
    ).toEqual(["alice", "anon-1", "bob"]);
    // the next push sends the import, anon-2's view under carol
    const next = new CapturingClient();
    await push(ws.db, next);
    const carol = idOf(ws, "carol");
    expect(
      next
        .lines<EventLine>("events")
        .filter((e) => e.user === carol)
        .map((e) => e.event),
    ).toEqual(["view_item", "purchase"]);
  });
});
