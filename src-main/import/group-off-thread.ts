import { type EventChunk, groupByUser, type UserRuns } from "../engine/columns/build.ts";
import { type Buckets, groupBuckets } from "./row-buckets.ts";

// The tail of an import into a workspace without events: the inserting thread builds the users'
// unique index in SQLite while the parsing thread, otherwise idle until the commit, groups the
// import's rows by user for the engine's columns. At 10M events each took 1.3-1.4 s, one after the
// other on the inserting thread. The rows come by bucket of users (row-buckets.ts) when the
// inserting thread kept them so, else in its batches for groupByUser, the engine's own grouping.

/**
 * What the inserting thread hands over: its rows (moved, not copied), in batches or by bucket of
 * users (row-buckets.ts), and each user's index.
 */
export interface GroupJob {
  indexOfId: Int32Array;
  nUsers: number;
  chunks: EventChunk[];
  buckets: Buckets | null;
  firstSeq: number;
}

function ownBuffer(view: ArrayBufferView): ArrayBuffer {
  const b = view.buffer;
  if (!(b instanceof ArrayBuffer)) throw new Error("a shared buffer cannot be moved to another thread");
  return b;
}

function distinctBuffers(views: ArrayBufferView[]): ArrayBuffer[] {
  return [...new Set(views.map(ownBuffer))];
}

/** The buffers a job's message moves to the parsing thread. */
export function jobTransfer(job: GroupJob): ArrayBuffer[] {
  const views: ArrayBufferView[] = [job.indexOfId];
  for (const c of job.chunks) {
    views.push(c.uids, c.eids, c.times);
    if (c.seqs) views.push(c.seqs);
  }
  const blocks = job.buckets?.blocks.flat() ?? [];
  return [...distinctBuffers(views), ...blocks];
}

/** The buffers the grouped rows' message moves back to the inserting thread. */
export function runsTransfer(runs: UserRuns): ArrayBuffer[] {
  return distinctBuffers([runs.userOffsets, runs.eventCodes, runs.times, runs.seqs]);
}

/** On the parsing thread: the job's rows grouped by user; the batches are freed as they are copied. */
export function groupJob(job: GroupJob): UserRuns {
  if (job.buckets) return groupBuckets(job.buckets, job.indexOfId, job.nUsers, job.firstSeq);
  return groupByUser(job.indexOfId, job.nUsers, job.chunks, job.firstSeq, true);
}

/**
 * Back on the inserting thread: whether `runs` is a grouping of at most `rows` events (events of a
 * user not in the table are left out, as the engine leaves them out) over `nUsers` users.
 */
export function fitsRuns(runs: UserRuns, nUsers: number, rows: number): boolean {
  const { userOffsets, eventCodes, times, seqs } = runs;
  const n = eventCodes.length;
  return (
    userOffsets.length === nUsers + 1 &&
    userOffsets[0] === 0 &&
    userOffsets[nUsers] === n &&
    n <= rows &&
    times.length === n &&
    seqs.length === n
  );
}
