import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";
import { cliSources } from "./scripts/cli-sources.ts";

// The folders are named src-main / src-preload / src-renderer (not electron-vite's defaults),
// so every entry is explicit. Workers are separate entries: they are started by file path at
// run time (see src-main/workers/worker-path.ts), in the app and in the CLI alike.
export default defineConfig({
  main: {
    plugins: [cliSources(__dirname, [__filename, resolve(__dirname, "scripts/cli-sources.ts")])],
    build: {
      outDir: "out/main",
      // bundled, not loaded from node_modules: zod's entry brings its 64 locales with it (~90
      // modules), which the bundle drops; `strata` loads in a fraction of the time
      externalizeDeps: { exclude: ["zod"] },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, "src-main/index.ts"),
          // the `strata` command, run by scripts/strata.cjs while current (scripts/cli-sources.ts)
          cli: resolve(__dirname, "src-main/cli/main.ts"),
          "import-worker": resolve(__dirname, "src-main/import/worker.ts"),
          "query-worker": resolve(__dirname, "src-main/engine/worker.ts"),
          "column-worker": resolve(__dirname, "src-main/engine/columns/column-worker.ts"),
          "demo-worker": resolve(__dirname, "src-main/demo/worker.ts"),
          "share-worker": resolve(__dirname, "src-main/share/worker.ts"),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: "out/preload",
      rolldownOptions: {
        input: { index: resolve(__dirname, "src-preload/index.ts") },
      },
    },
  },
  renderer: {
    root: "src-renderer",
    plugins: [react()],
    build: {
      outDir: "out/renderer",
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, "src-renderer/index.html") },
      },
    },
  },
});
