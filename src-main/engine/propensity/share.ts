import type { PropensityResult } from "../../../src-preload/contract/predict.ts";

// A fitted model is worth sharing: training reads every user's history, while a query that uses it
// may run in several query workers at once (a segment split over slices, an export after the
// Predict view). The app's pool hands each model's training to one worker and the fitted model to
// the others (model-broker.ts); in a single thread (CLI, tests) there is nobody to share with.

export interface TrainedModel {
  result: PropensityResult;
  /** score of each user index in the population; NaN outside it */
  scores: Float64Array;
}

export interface ModelShare {
  /** the model another thread trained under `key`, or null: this thread trains it, then calls done() */
  claim(key: string): Promise<TrainedModel | null>;
  /** the claimed model is fitted (or, null, its training failed: someone else may take it) */
  done(key: string, trained: TrainedModel | null): void;
}

let share: ModelShare | null = null;

/** Set once by a query worker at start-up. */
export function shareModelsThrough(s: ModelShare | null): void {
  share = s;
}

export function modelShare(): ModelShare | null {
  return share;
}
