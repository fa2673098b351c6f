// The tests' worker threads (query workers, import threads) load TypeScript sources, which Node strips
// with a WebAssembly module in each thread unless its compile cache already holds the stripped code.
// Ending such threads while others strip (the pool-failure tests crash and end workers on purpose)
// can hit a V8 check in freeing WebAssembly code ("Check failed: jit_page.has_value()" in
// WasmCodeAllocator::FreeCode, seen as a SIGTRAP or SIGSEGV of a test fork: 3 runs in 95 of
// pool-failures.test.ts here, and one CI run). The `strata` command runs with the compile cache
// (scripts/strata.cjs) and the app is bundled, so the tests now run their threads as the command
// does: the forks inherit the cache's folder, and a worker strips a file only the first time.
export { useCompileCache as default } from "../../scripts/compile-cache.cjs";
