#!/usr/bin/env node
// `npm run demo`: the portal on the local tenant, no Azure tenant needed. Builds when the sources
// are newer than the last build, starts the local tenant (demo seed, realistic Graph latency) and
// the standalone server (scripts/start.mjs) pointed at it, and prints where to go and who can sign in.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const portalPort = Number(process.env.PORT ?? 3000);
const tenantPort = Number(process.env.TENANT_PORT ?? 4010);
const tenantUrl = `http://127.0.0.1:${tenantPort}`;
// localhost, not 127.0.0.1: MSAL needs a secure context, and only localhost is one over http.
const portalUrl = `http://localhost:${portalPort}`;
const buildId = path.join(root, ".next", "BUILD_ID");
const SOURCES = ["app", "components", "lib", "messages", "public"];
const CONFIG_FILES = ["next.config.js", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];

function newestChange(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry))
    newest = Math.max(newest, newestChange(path.join(entry, child)));
  return newest;
}

function buildIsStale() {
  if (!existsSync(buildId) || !existsSync(path.join(root, ".next", "standalone", "server.js")))
    return true;
  const built = statSync(buildId).mtimeMs;
  return [...SOURCES, ...CONFIG_FILES].some(
    (entry) => newestChange(path.join(root, entry)) > built,
  );
}

const children = [];
function stopAll(code) {
  // Each server runs in its own process group (npx does not pass signals on to what it started).
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  process.exitCode = code;
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function start(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  child.stdout.on("data", (chunk) => {
    if (process.env.DEMO_VERBOSE) process.stdout.write(`[${name}] ${chunk}`);
  });
  child.on("exit", (code, signal) => {
    if (signal === "SIGTERM") return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}).`);
    stopAll(code || 1);
  });
  children.push(child);
  return child;
}

async function waitFor(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what} did not answer on ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  if (buildIsStale()) {
    console.log("Building the portal (first run, or the sources changed)…");
    const build = spawnSync("npx", ["next", "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_DIST_DIR: "" },
    });
    if (build.status !== 0) {
      console.error("The build failed: see above.");
      process.exit(build.status ?? 1);
    }
  }

  start("local tenant", "npx", ["tsx", "emulator/src/main.ts"], {
    TENANT_PORT: String(tenantPort),
    TENANT_SEED: process.env.TENANT_SEED ?? "demo",
  });
  await waitFor(`${tenantUrl}/_emulator/health`, "The local tenant");

  start("portal", "node", ["scripts/start.mjs", "-p", String(portalPort)], {
    LOCAL_TENANT_URL: tenantUrl,
    NEXT_DIST_DIR: "",
  });
  await waitFor(`${portalUrl}/redirect`, "The portal");

  const { people = {} } = await (await fetch(`${tenantUrl}/_emulator`)).json();
  console.log(`\nThe portal is running on the local tenant: ${portalUrl}\n`);
  console.log("Sign in as any of these people (no password):");
  for (const person of Object.values(people)) {
    console.log(`  ${person.userPrincipalName.padEnd(34)} ${person.roleDescription}`);
  }
  console.log(`\nLocal tenant (Entra sign-in and Graph): ${tenantUrl}. Press Ctrl+C to stop.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
