import { describe, expect, it } from "vitest";

import { addWorkingDays, isWorkingDay } from "../../app/domain/calendar";

// Working days (CONTRACT rule 2, app/domain/calendar.ts): weekends and the country's public
// holidays of the date's own year are skipped, whatever year the machine's clock is in.

describe("a window of working days skips the public holidays of its own year", () => {
  it("GIVEN Thursday 25 March 2027 in the UK THEN two working days later is Wednesday 31 March: Good Friday, the weekend and Easter Monday 2027 are skipped", () => {
    expect(isWorkingDay("2027-03-26", "GB")).toBe(false);
    expect(isWorkingDay("2027-03-29", "GB")).toBe(false);
    expect(addWorkingDays("2027-03-25", 2, "GB")).toBe("2027-03-31");
  });
});
