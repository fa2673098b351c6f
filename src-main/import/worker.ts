import module from "node:module";

// The import worker's entry. A worker does not share the compile cache its process may have turned
// on, and from the TypeScript sources (the CLI) its fifty-odd modules took 35 ms to load without
// one and 15 ms with it: the cache is turned on first, then the roles are loaded.
module.enableCompileCache?.();
void import("./worker-roles.ts");
