import type { TrainedModel } from "./propensity/share.ts";

// The pool's side of propensity/share.ts: the first worker to ask for a model trains it, workers
// asking meanwhile wait for it, later ones get it at once. One model per key is fitted while the
// pool's timeline lives (the pool clears this on reset, when the events change).

/** A query worker as the broker sees it: where to send a model (or "train it yourself": null). */
export interface ModelPeer {
  sendModel(key: string, trained: TrainedModel | null): void;
}

type Entry = { trainer: ModelPeer; waiters: ModelPeer[] } | { trained: TrainedModel };

/** fitted models kept (8 bytes a user each); the least recently asked for goes first */
const KEEP = 4;

export class ModelBroker {
  private readonly entries = new Map<string, Entry>();
  /** models fitted by the workers since the pool started (tests: a query trains once) */
  fitted = 0;

  claim(from: ModelPeer, key: string): void {
    const e = this.entries.get(key);
    if (!e) {
      this.entries.set(key, { trainer: from, waiters: [] });
      from.sendModel(key, null);
    } else if ("trained" in e) {
      this.entries.delete(key);
      this.entries.set(key, e);
      from.sendModel(key, e.trained);
    } else e.waiters.push(from);
  }

  done(from: ModelPeer, key: string, trained: TrainedModel | null): void {
    const e = this.entries.get(key);
    const waiters = e && "waiters" in e && e.trainer === from ? e.waiters : [];
    if (trained) {
      this.fitted++;
      this.entries.delete(key);
      this.entries.set(key, { trained });
      this.evict();
      for (const w of waiters) w.sendModel(key, trained);
      return;
    }
    if (e && "trained" in e) return;
    this.handOver(key, waiters);
  }

  /** A worker's thread ended: what it was training goes to its first waiter; it waits for nothing. */
  dropped(peer: ModelPeer): void {
    for (const [key, e] of [...this.entries]) {
      if ("trained" in e) continue;
      e.waiters = e.waiters.filter((w) => w !== peer);
      if (e.trainer === peer) this.handOver(key, e.waiters);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  /** Nobody is training `key` any more: the first waiter does, or the entry goes. */
  private handOver(key: string, waiters: ModelPeer[]): void {
    const [next, ...rest] = waiters;
    if (!next) {
      this.entries.delete(key);
      return;
    }
    this.entries.set(key, { trainer: next, waiters: rest });
    next.sendModel(key, null);
  }

  private evict(): void {
    let ready = 0;
    for (const e of this.entries.values()) if ("trained" in e) ready++;
    for (const [key, e] of this.entries) {
      if (ready <= KEEP) break;
      if ("trained" in e) {
        this.entries.delete(key);
        ready--;
      }
    }
  }
}
