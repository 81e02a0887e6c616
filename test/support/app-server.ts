import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export type RunningApp = { url: string; stop(): Promise<void>; output(): string; /** The server process's id (its memory is read from /proc). */ pid: number };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the production build (`npm run build` first) with server.mjs, as `npm start` does.
 * `port` is for callers that must tell someone the app's URL before it starts (the stand-in).
 */
export async function startBuiltApp(env: Record<string, string>, options: { port?: number; /** Another checkout's build (the vitals bench's baseline). */ cwd?: string } = {}): Promise<RunningApp> {
  if (!existsSync(join(options.cwd ?? "", "build", "index.js"))) {
    throw new Error("build/index.js is missing: run `npm run build` before the browser tests");
  }
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    ["server.mjs", join("build", "index.js")],
    {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      cwd: options.cwd,
    },
  );
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited during start-up:\n${output}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not answer within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
