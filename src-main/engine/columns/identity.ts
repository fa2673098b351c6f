import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { outOfBounds } from "../typed-index.ts";
import type { WorkspaceUsers } from "./build.ts";

// Identity merge: the anonymous ids a user had before signing up belong to the id they got after.
// The import records each link it sees (an event carrying both ids, or an identify call) in the
// `identities` table, by external id; the merge itself happens here, when the timeline is built:
// a merged anonymous user leaves the timeline's user list and its events are grouped under the
// identified user. So every query kind, every segment and every export built on the timeline sees
// one user, and switching the merge off (meta.identity_merge) only needs a rebuild.

function hasIdentities(db: Database.Database): boolean {
  // a workspace opened read-only is not migrated: an older one has no identities table
  return (
    statement(db)`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'identities'`.pluck().get() !==
    undefined
  );
}

export interface IdentityState {
  /** the workspace setting (on unless switched off) */
  merge: boolean;
  /** links recorded by imports */
  links: number;
}

export function identityState(db: Database.Database): IdentityState {
  if (!hasIdentities(db)) return { merge: true, links: 0 };
  const merge = statement(db)`SELECT identity_merge FROM meta WHERE id = 1`.pluck().get();
  const links = statement(db)`SELECT count(*) FROM identities`.pluck().get() as number;
  return { merge: merge !== 0, links };
}

/**
 * What the stamp adds for identities: nothing while there are no links (so a workspace that never
 * saw an anonymous id keeps its saved columns), else the link count and the setting, so that a new
 * link or a switch makes the saved columns stale.
 */
export function identityStamp(db: Database.Database): string {
  const s = identityState(db);
  return s.links === 0 ? "" : `:id${s.links}.${s.merge ? 1 : 0}`;
}

/**
 * users.id of each merged anonymous user -> users.id of the user it belongs to; empty when the
 * merge is off. Links are applied in the table's order as unions whose root is the identified
 * side's root: a chain (a -> b -> c) ends at c, and a link that would close a cycle is ignored, so
 * every group has exactly one identified user left.
 */
export function mergedUsers(db: Database.Database): Map<number, number> {
  const out = new Map<number, number>();
  const state = identityState(db);
  if (!state.merge || state.links === 0) return out;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    for (let p = parent.get(r); p !== undefined; p = parent.get(r)) r = p;
    // path compression keeps long chains cheap
    for (let y = x, p = parent.get(y); p !== undefined && p !== r; p = parent.get(y)) {
      parent.set(y, r);
      y = p;
    }
    return r;
  };
  const rows = statement(db)`SELECT a.id, t.id FROM identities i JOIN users a ON a.external_id = i.anon_id
       JOIN users t ON t.external_id = i.user_id ORDER BY i.rowid`
    .raw()
    .iterate() as Iterable<[number, number]>;
  for (const [anon, target] of rows) {
    const ra = find(anon);
    const rt = find(target);
    if (ra !== rt) parent.set(ra, rt);
  }
  for (const id of parent.keys()) out.set(id, find(id));
  return out;
}

/**
 * The timeline's users after the merge: merged anonymous users left out, their ids pointing at the
 * index of the user they belong to. An identified user without created_at takes the earliest of
 * its anonymous ids'.
 */
export function mergeIdentities(db: Database.Database, users: WorkspaceUsers): WorkspaceUsers {
  const merged = mergedUsers(db);
  const known = (id: number) => (users.indexOfId[id] ?? -1) >= 0;
  for (const [anon, root] of merged) if (!known(anon) || !known(root)) merged.delete(anon);
  if (merged.size === 0) return users;
  const nUsers = users.userIds.length;
  const keep = new Int32Array(nUsers);
  const created = new Float64Array(nUsers);
  let k = 0;
  const indexOfId = new Int32Array(users.indexOfId.length).fill(-1);
  for (let i = 0; i < nUsers; i++) {
    const id = users.userIds[i] ?? outOfBounds();
    if (merged.has(id)) continue;
    keep[k] = id;
    created[k] = users.createdAt[i] ?? outOfBounds();
    indexOfId[id] = k++;
  }
  const earliest = new Map<number, number>();
  for (const [anon, root] of merged) {
    const ri = indexOfId[root] ?? outOfBounds();
    indexOfId[anon] = ri;
    const anonCreated = users.createdAt[users.indexOfId[anon] ?? outOfBounds()] ?? outOfBounds();
    const earliestSoFar = earliest.get(ri);
    if (!Number.isNaN(anonCreated) && (earliestSoFar === undefined || anonCreated < earliestSoFar))
      earliest.set(ri, anonCreated);
  }
  for (const [ri, earliestCreated] of earliest)
    if (Number.isNaN(created[ri] ?? outOfBounds())) created[ri] = earliestCreated;
  return { userIds: keep.slice(0, k), createdAt: created.slice(0, k), indexOfId };
}
