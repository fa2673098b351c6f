import type { ChSettings } from "../http.ts";

// Settings of a query whose work is a GROUP BY user (funnel paths, retention cohorts, lifecycle
// states, stickiness days). Each shard computes its own users completely (the sharding key keeps a
// user's events on one shard), so only small per-user rows travel. Two-level aggregation from the
// first key makes each shard hand its users on in 256 buckets rather than one block: the per-user
// arrays of all of a shard's users at once went past a 2 GB memory limit on 1M demo events (the
// app's e2e found it); bucket by bucket they stay small.
// Past 800 MB of aggregation state a shard spills the rest to disk instead of failing at its memory
// limit: 100M events' funnel arrays (5.6M users a shard) needed 1.9 GB against the loopback
// servers' 2 GB limit (max_memory_usage, scripts/clickhouse-cluster.sh).
export const PER_USER: ChSettings = {
  distributed_group_by_no_merge: 1,
  group_by_two_level_threshold: 1,
  group_by_two_level_threshold_bytes: 1,
  max_bytes_before_external_group_by: 800_000_000,
};
