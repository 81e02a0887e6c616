// Browser tests drive Debian's Chromium with playwright-core; no tool may download a browser of
// its own here. Installs the package when it is missing and we are root, else says how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log("Installing Debian's chromium for the browser tests…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-liberation"], { stdio: "inherit", env });
  } else {
    console.error(`Browser tests need ${CHROMIUM}: run \`sudo apt-get install -y chromium\` and try again.`);
    process.exit(1);
  }
}
