import { decide, type Decision } from "./engine/decide";
import { presetPolicy, isPresetName } from "./presets";
import { describeIssues, scenarioSchema } from "./scenario";

export class ScenarioError extends Error {
  override name = "ScenarioError";
}

/**
 * Parses a scenario (CONTRACT.md) and decides it with its own policy or its preset: the one
 * entry point the CLI, the admin's "try a scenario" and the tests share.
 */
export function evaluateScenario(input: unknown): Decision {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(describeIssues(result.error));
  const scenario = result.data;
  let policy;
  if (scenario.policy) {
    policy = scenario.policy;
  } else if (scenario.preset && isPresetName(scenario.preset)) {
    policy = presetPolicy(scenario.preset);
  } else {
    throw new ScenarioError(`preset: unknown preset "${scenario.preset}"`);
  }
  try {
    return decide(policy, scenario);
  } catch (error) {
    // Amounts with too many decimals, unknown currencies or time zones are the scenario's fault.
    throw new ScenarioError((error as Error).message);
  }
}
