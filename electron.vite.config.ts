import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "electron-vite";

// The folders are named src-main / src-preload / src-renderer (not electron-vite's defaults),
// so every entry is explicit. Workers are separate entries: they are started by file path at
// run time (see src-main/workers/worker-path.ts), in the app and in the CLI alike.
export default defineConfig({
  main: {
    build: {
      outDir: "out/main",
      rolldownOptions: {
        input: {
          index: resolve(__dirname, "src-main/index.ts"),
          "import-worker": resolve(__dirname, "src-main/import/worker.ts"),
          "query-worker": resolve(__dirname, "src-main/engine/worker.ts"),
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
