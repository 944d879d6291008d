import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";

/**
 * A portal instance of its own, started as it is deployed (`node scripts/start.mjs`, the standalone
 * server of NEXT_DIST_DIR) in its own process, so a test can send it real signals. Its output goes
 * to `.test-output/<name>.log`.
 */
export type StandalonePortal = {
  url: string;
  process: ChildProcess;
  /** The exit code once the process has ended (a signal counts as null). */
  exited: Promise<number | null>;
  logFile: string;
};

/** A port nobody listens on now (the operating system's choice), for a server started next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export async function startStandalonePortal(
  name: string,
  env: Record<string, string>,
): Promise<StandalonePortal> {
  const root = path.resolve(__dirname, "..", "..");
  const port = await freePort();
  const logFile = path.join(root, ".test-output", `${name}.log`);
  await mkdir(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
      HOSTNAME: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) return `exited with ${child.exitCode}`;
        return (await fetch(`${url}/api/health/ready`).catch(() => undefined))?.status;
      },
      { message: `the portal ${name} (${logFile}) to be ready`, timeout: 90_000 },
    )
    .toBe(200);
  return { url, process: child, exited, logFile };
}

/** Ends a portal the test started, if it still runs (after a failed test). */
export async function stopStandalonePortal(portal: StandalonePortal | undefined): Promise<void> {
  if (!portal || portal.process.exitCode !== null || portal.process.signalCode !== null) return;
  portal.process.kill("SIGKILL");
  await portal.exited;
}

export type ActionAnswer<T = unknown> =
  { ok: true; data: T } | { ok: false; error: { code: string; [key: string]: unknown } };

/** A server action over HTTP, as the browser sends it; the answer is the action's typed result. */
export async function callAction<T = unknown>(
  portal: StandalonePortal,
  pagePath: string,
  actionId: string,
  args: unknown[],
): Promise<ActionAnswer<T>> {
  const response = await fetch(`${portal.url}${pagePath}`, {
    method: "POST",
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  for (const line of text.split("\n")) {
    const match = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!match) continue;
    const value = JSON.parse(match[1]!) as ActionAnswer<T>;
    if (typeof value.ok === "boolean") return value;
  }
  throw new Error(`no action result (HTTP ${response.status})`);
}
