import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { readTimelineUsers } from "../engine/columns/build.ts";
import { outOfBounds } from "../engine/typed-index.ts";

// The people push sends: the users as the local timeline groups them, identity merge applied by the
// engine's own function (readTimelineUsers -> mergeIdentities), so the cluster and the local engine
// count the same persons. A merged anonymous user's events and alias go to its identified user, on
// that user's shard; it is no user of its own; an identified user without created_at has the
// earliest of its anonymous ids'.

export interface People {
  /** users.id of the person a user's events and alias belong to: itself unless merged away */
  personOf(userId: number): number;
  /** a kept person's created_at after the merge (null when none is known) */
  createdAt(userId: number): number | null;
  /** the persons, how many and the largest id (push compares them with the cluster's users) */
  count: number;
  maxId: number;
  /** the last users.id: users only come with new, higher ids, so a later user has no event pushed yet */
  lastUserId: number;
  /**
   * Which persons the users up to `upTo` are merged into: "" when none of them is merged away (what
   * a push that knew nothing of the merge sent too), else a digest of the pairs. It changes exactly
   * when one of their events would go to another person (a link an import adds for them, the
   * setting switched), not when a link only merges users that came after `upTo`.
   */
  mergedUpTo(upTo: number): string;
}

export function readPeople(db: Database.Database): People {
  const { userIds, createdAt, indexOfId } = readTimelineUsers(db);
  const indexOf = (userId: number) => indexOfId[userId] ?? -1;
  const personOf = (userId: number) => {
    const at = indexOf(userId);
    // an id the users table does not hold (never: events reference users) stays as it is
    return at < 0 ? userId : (userIds[at] ?? outOfBounds());
  };
  const digests = new Map<number, string>();
  return {
    personOf,
    createdAt: (userId) => {
      const at = indexOf(userId);
      const created = at < 0 ? Number.NaN : (createdAt[at] ?? outOfBounds());
      return Number.isNaN(created) ? null : created;
    },
    count: userIds.length,
    maxId: userIds.length > 0 ? (userIds[userIds.length - 1] ?? outOfBounds()) : 0,
    lastUserId: indexOfId.length - 1,
    mergedUpTo(upTo) {
      const last = Math.min(upTo, indexOfId.length - 1);
      // a push asks for the recorded bound and its own, most often the same: one pass over the users
      const known = digests.get(last);
      if (known !== undefined) return known;
      const digest = createHash("sha256");
      let merged = 0;
      for (let id = 0; id <= last; id++) {
        const person = personOf(id);
        if (person === id) continue;
        digest.update(`${id}>${person};`);
        merged++;
      }
      const stamp = merged === 0 ? "" : `${merged}:${digest.digest("hex").slice(0, 32)}`;
      digests.set(last, stamp);
      return stamp;
    },
  };
}
