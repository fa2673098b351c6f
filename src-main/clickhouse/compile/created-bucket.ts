import { bucketOf } from "./calendar.ts";

// When a user was created, as a bucket among bounds, per user after a GROUP BY user (the metric
// kinds' createdAtMs and lifecycle's "new"): the imported users.created_at when there is one, else
// the user's first event of any kind (`first`, their min(time) over unfiltered events). created_at
// comes through IN sets, one per bound, not a JOIN: 18.16 plans a JOIN of a distributed GROUP BY
// wrongly (see lifecycle.ts). -1 before the first bound, bounds.length - 1 from the last one on.

export function createdBucketSql(bounds: ArrayLike<number>, first = "first"): string {
  const imported = "user IN (SELECT user FROM users FINAL WHERE has_created = 1)";
  const byImport: string[] = [];
  for (let i = 0; i < bounds.length; i++)
    byImport.push(
      `user IN (SELECT user FROM users FINAL WHERE has_created = 1 AND created_at < ${bounds[i]})`,
      String(i - 1),
    );
  return `if(${imported}, toInt32(multiIf(${byImport.join(", ")}, ${bounds.length - 1})), ${bucketOf(bounds, first)})`;
}
