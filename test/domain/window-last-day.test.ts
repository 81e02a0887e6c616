import { describe, expect, it } from "vitest";

import { lastDay } from "../../app/domain/engine/windows";
import { scenarioSchema } from "../../app/domain/scenario";
import { scenario } from "./builders";

// The last day of a window (CONTRACT rules 1–3, app/domain/engine/windows.ts).

describe("a window without a time limit", () => {
  it("GIVEN an unlimited window on a delivered order THEN it has no last day (null), whatever the order's dates", () => {
    const { order, shop } = scenarioSchema.parse(scenario());
    expect(lastDay({ unit: "unlimited" }, order, shop)).toBeNull();
  });
});
