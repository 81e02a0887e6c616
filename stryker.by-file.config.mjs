// One file at a time on a shared machine (bench/mutation-score.ts --by-file): stryker.config.json
// without string-literal mutants, which the score leaves out anyway (most change an explanation's
// words), with each mutant's result written as it is known (reports/mutation/events).
//   npx stryker run stryker.by-file.config.mjs --concurrency 1 --mutate app/domain/money.ts
import base from "./stryker.config.json" with { type: "json" };

export default {
  ...base,
  mutator: { excludedMutations: ["StringLiteral"] },
  reporters: [...base.reporters, "event-recorder"],
};
