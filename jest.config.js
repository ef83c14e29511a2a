/** Jest runs the TypeScript tests through ts-jest (transpile only: `npm test` type-checks them with tsconfig.test.json). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json" }],
  },
  testTimeout: 60000,
  // jest's default is one worker per core but one: a single worker on these 2-core machines. Half the suite waits
  // on child processes (npm, the binary, terraform), so two workers keep both cores busy.
  maxWorkers: 2,
};
