import { describe, expect, it } from "vitest";

import { shareOfMinor } from "../../app/domain/money";

// The share of a line's discount that returned units carry (CONTRACT rule 7, app/domain/money.ts).

describe("a count of units that is not positive carries no share of the discount", () => {
  it("GIVEN a negative number of units after two of three were refunded THEN the share is nothing, never money taken back from earlier refunds", () => {
    expect(shareOfMinor(300, -1, 3, 2)).toBe(0);
    expect(shareOfMinor(-300, -2, 3, 3)).toBe(0);
  });
});
