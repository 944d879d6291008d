// bench:scale helpers: the local tenant, portal instances (the standalone server) and their actions.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check, what, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export function tenantControl(tenantUrl) {
  return async (method, route, body) => {
    const response = await fetch(`${tenantUrl}/_emulator${route}`, {
      method,
      ...(body
        ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }
        : {}),
    });
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  };
}

export function startTenant(root, port) {
  return spawn(process.execPath, ["--import", "tsx", "emulator/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      TENANT_PORT: String(port),
      TENANT_SEED: "minimal",
      TENANT_LATENCY: "none",
    },
    stdio: "ignore",
  });
}

/** One portal instance: `node scripts/start.mjs` in this very process id, so SIGKILL is real. */
export function startPortal(root, port, env) {
  const proc = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "ignore"],
  });
  const exited = new Promise((resolve) => proc.on("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const ready = waitFor(
    async () => (await fetch(`${url}/api/health/ready`)).ok,
    `the portal on ${port}`,
  );
  return { proc, url, port, ready, exited };
}

export function actionIds(root, distDir) {
  const manifest = JSON.parse(
    readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8"),
  );
  const ids = {};
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (entry.exportedName) ids[`${entry.filename}#${entry.exportedName}`] = id;
  }
  return (file, name) => {
    const key = Object.keys(ids).find((k) => k.includes(file) && k.endsWith(`#${name}`));
    if (!key) throw new Error(`no server action ${name} in ${file}`);
    return ids[key];
  };
}

/** A server action over HTTP, as the browser sends it; the result is the JSON row of the answer. */
export async function callAction(portal, pagePath, actionId, args) {
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
    const value = JSON.parse(match[1]);
    if (typeof value.ok === "boolean") return value;
  }
  throw new Error(`no action result (HTTP ${response.status})`);
}
