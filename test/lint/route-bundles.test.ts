import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Lints source text as if it lived at a given path, with the project's real ESLint config.
async function lintAs(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

// The first lint loads ESLint and its plugins: slow on a busy two-core machine.
describe("what a route module puts in its page's browser bundle", { timeout: 120_000 }, () => {
  it.each([
    'const retrySchema = z.object({ jobId: z.string() });\nexport const action = () => retrySchema;\n',
    'export const idSchema = z.string().regex(/^[a-z]+$/);\n',
  ])("GIVEN a zod schema built at the top of a route module WHEN linted THEN lint fails (%#)", async (code) => {
    const messages = await lintAs("app/routes/app.example.tsx", `import { z } from "zod";\n${code}`);
    expect(messages).toEqual([expect.stringContaining("browser bundle")]);
  });

  it("GIVEN the schema built inside the action, or imported from a .server module THEN lint passes", async () => {
    const messages = await lintAs(
      "app/routes/app.example.tsx",
      'import { z } from "zod";\nimport { retryJobSchema } from "../desk/forms.server";\nexport const action = (form: unknown) => [z.object({ a: z.string() }).safeParse(form), retryJobSchema.safeParse(form)];\n',
    );
    expect(messages).toEqual([]);
  });
});
