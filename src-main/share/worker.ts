import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { serveOnce } from "../workers/run-once.ts";
import { scrub } from "./scrub-copy.ts";

// Scrubs a share copy off the main thread: a VACUUM of a large workspace takes seconds.
serveOnce((d: { copy: string; opts: ShareOptions; asOf: string }) => scrub(d.copy, d.opts, d.asOf));
