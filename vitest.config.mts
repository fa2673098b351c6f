import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/main/**/*.test.ts",
      "test/fuzz/**/*.test.ts",
      "test/renderer/**/*.test.ts",
      "test/renderer/**/*.test.tsx",
    ],
    globalSetup: ["test/helpers/require-node-api-10.ts", "test/helpers/compile-cache.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
