import { workerData } from "node:worker_threads";
import { readShareOf, type ShareJob } from "./column-share.ts";

// The helper thread of a large column build (helper-build.ts): one share, then it ends.
readShareOf(workerData as ShareJob);
