import { ingest } from "../../../src-main/import/ingest.ts";

// Run as a child process by worker.test.ts: imports argv[3] into argv[2] and kills itself with
// SIGKILL once `argv[4]` rows were read, mid-transaction, like a crash or a force quit.
const [ws, file, after] = process.argv.slice(2) as [string, string, string];
await ingest(
  { workspace: ws, files: [file], options: {}, columns: false },
  {
    progress(p) {
      if (p.rows >= Number(after)) process.kill(process.pid, "SIGKILL");
    },
  },
);
