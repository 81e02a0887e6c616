import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test is a bug we have not asserted on yet: fail loudly instead of
// letting it scroll by (the Epic Stack habit).
let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    const first = errors[0].map(String).join(" ");
    throw new Error(`console.error was called ${errors.length} time(s) during the test: ${first}`);
  }
});
