import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

// Writes out/main/cli-sources.json beside the main-process build: the time the build started and
// every file it read. `strata` (scripts/cli-bundle.cjs) runs the built CLI only while none of them
// has changed since, else the TypeScript sources: a one-shot command loads one bundle in a tenth of
// the time it takes to load ~190 modules (95 of them zod's locales and their kin), and an edited
// source is never shadowed by an old build.

export const CLI_SOURCES = "cli-sources.json";

export interface CliSources {
  /** Date.now() when the build started: a file changed after it may be missing from the bundle */
  built: number;
  /** the files the bundle was made of, relative to the project's root */
  files: string[];
}

export function cliSources(root: string, alsoRead: readonly string[]): Plugin {
  let built = 0;
  let manifest: string | null = null;
  return {
    name: "strata-cli-sources",
    apply: "build",
    buildStart() {
      built = Date.now();
    },
    renderStart(options) {
      // a build that fails half-way must not leave a manifest vouching for what it did not write
      manifest = options.dir ? path.join(options.dir, CLI_SOURCES) : null;
      if (manifest) fs.rmSync(manifest, { force: true });
    },
    writeBundle(_options, bundle) {
      if (!manifest) return;
      const files = new Set(alsoRead.map((f) => path.relative(root, f)));
      for (const out of Object.values(bundle)) {
        if (out.type !== "chunk") continue;
        for (const id of out.moduleIds) {
          // virtual modules (\0...) and query suffixes are not files
          if (id.startsWith("\0") || !path.isAbsolute(id)) continue;
          files.add(path.relative(root, id.replace(/\?.*$/, "")));
        }
      }
      const sources: CliSources = { built, files: [...files].sort() };
      fs.writeFileSync(manifest, `${JSON.stringify(sources, null, 1)}\n`);
    },
  };
}
