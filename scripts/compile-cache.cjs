// V8's compile cache for this process and every thread and child it starts: enableCompileCache
// covers the calling thread only, and a worker thread (import, query workers) uses the cache when its
// environment names it, else it strips and compiles every TypeScript module again. NODE_COMPILE_CACHE
// names the folder Node keeps a subfolder per Node version in; getCompileCacheDir() names that
// subfolder, and a thread given it would nest another one (a second cache, empty at first).
"use strict";
const nodeModule = require("node:module");
const os = require("node:os");
const path = require("node:path");

function useCompileCache() {
  const base = process.env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), "node-compile-cache");
  nodeModule.enableCompileCache?.(base);
  process.env.NODE_COMPILE_CACHE = base;
}

module.exports = { useCompileCache };
