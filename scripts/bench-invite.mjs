#!/usr/bin/env node
// `npm run bench:invite`: figures for the core invite flow, printed, never asserted.
//  1. With the local tenant's Graph latency at 250 ms: the time from clicking Send to the redeem URL
//     on screen, over 20 invitations in one signed-in browser session (median, p90, min, max).
//  2. The first-load JavaScript of the invite page (gzipped), beside a bare Next.js page that only
//     renders MsalProvider, both measured the same way: every script the browser loads, gzipped.
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".bench-output");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const GRAPH_LATENCY_MS = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 250);
const tenantPort = 4180;
const portalPort = 3180;
const barePort = 3181;
const tenantUrl = `http://127.0.0.1:${tenantPort}`;
const portalUrl = `http://localhost:${portalPort}`;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];

const children = [];
// Each server runs in its own process group: npx does not pass signals on to the server it started.
process.on("exit", () => {
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

function start(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    ...options,
  });
  children.push(child);
  return child;
}

function build(cwd, distDir) {
  const result = spawnSync("npx", ["next", "build"], {
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: distDir },
  });
  if (result.status !== 0) throw new Error(`next build failed in ${cwd}`);
}

async function waitFor(url) {
  for (let i = 0; i < 900; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never answered`);
}

/** Loads `url` with the cache off and sums every script the browser fetched, raw and gzipped. */
async function firstLoadJavaScript(page, url, ready) {
  const client = await page.context().newCDPSession(page);
  await client.send("Network.setCacheDisabled", { cacheDisabled: true });
  const scripts = [];
  const onResponse = (response) => {
    if (response.request().resourceType() === "script")
      scripts.push(response.body().catch(() => Buffer.alloc(0)));
  };
  page.on("response", onResponse);
  await page.goto(url);
  await ready();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const bodies = await Promise.all(scripts);
  return {
    files: bodies.length,
    raw: bodies.reduce((sum, body) => sum + body.length, 0),
    gzip: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function measureSendToLink(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(portalUrl);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: /Adele Vance/ }).click();
  await page.getByLabel("E-mail address").waitFor();
  const timings = [];
  const run = Date.now();
  for (let i = 0; i < ROUNDS; i += 1) {
    await page.getByLabel("E-mail address").fill(`bench-${run}-${i}@fabrikam.com`);
    await page.getByLabel("Display name").fill(`Bench guest ${i}`);
    const started = performance.now();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("button", { name: "Copy the invitation link" }).waitFor();
    timings.push(performance.now() - started);
    await page.getByRole("button", { name: "Invite another guest" }).click();
  }
  const invitePage = await firstLoadJavaScript(page, portalUrl, () =>
    page.getByLabel("E-mail address").waitFor(),
  );
  await context.close();
  return { timings, invitePage };
}

function writeBareApp(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), '{ "name": "bare-msal-app", "private": true }\n');
  // Its own (empty) instrumentation hook, or Next.js would pick up the portal's from the workspace root.
  writeFileSync(path.join(dir, "instrumentation.ts"), "export function register() {}\n");
  writeFileSync(
    path.join(dir, "next.config.js"),
    "module.exports = { distDir: process.env.NEXT_DIST_DIR || '.next' };\n",
  );
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        jsx: "react-jsx",
        strict: true,
        module: "esnext",
        moduleResolution: "bundler",
        lib: ["dom", "es2023"],
        skipLibCheck: true,
        noEmit: true,
        isolatedModules: true,
        esModuleInterop: true,
        allowJs: true,
        incremental: true,
        resolveJsonModule: true,
        target: "ES2022",
        plugins: [{ name: "next" }],
      },
      include: ["**/*.ts", "**/*.tsx"],
      exclude: ["node_modules"],
    }),
  );
  writeFileSync(
    path.join(dir, "app", "layout.tsx"),
    'export default function Layout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n',
  );
  writeFileSync(
    path.join(dir, "app", "page.tsx"),
    `"use client";
import { PublicClientApplication } from "@azure/msal-browser";
import { MsalProvider } from "@azure/msal-react";
const msal = new PublicClientApplication({
  auth: { clientId: "00000000-0000-0000-0000-000000000000", redirectUri: "http://localhost:${barePort}/" },
});
export default function Page() {
  return <MsalProvider instance={msal}><p>Bare page</p></MsalProvider>;
}
`,
  );
}

async function main() {
  mkdirSync(out, { recursive: true });
  const bareDir = path.join(out, "bare-msal-app");
  writeBareApp(bareDir);
  console.log("Building a bare Next.js page with only MsalProvider…");
  build(bareDir, ".next");
  console.log("Building the portal (.next-bench)…");
  build(root, ".next-bench");

  start("npx", ["tsx", "emulator/src/main.ts"], {
    env: { ...process.env, TENANT_PORT: String(tenantPort), TENANT_SEED: "minimal" },
  });
  await waitFor(`${tenantUrl}/_emulator/health`);
  await fetch(`${tenantUrl}/_emulator/settings`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      latencyMs: { invitations: GRAPH_LATENCY_MS, users: GRAPH_LATENCY_MS, me: GRAPH_LATENCY_MS },
    }),
  });
  start("node", ["scripts/start.mjs", "-p", String(portalPort)], {
    env: {
      ...process.env,
      NEXT_DIST_DIR: ".next-bench",
      LOCAL_TENANT_URL: tenantUrl,
      DATABASE_URL: "",
      DATA_DIR: path.join(out, "bench-data"),
    },
  });
  start("npx", ["next", "start", "-p", String(barePort)], { cwd: bareDir });
  await waitFor(`${portalUrl}/redirect`);
  await waitFor(`http://localhost:${barePort}/`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const { timings, invitePage } = await measureSendToLink(browser);
    const barePage = await browser.newPage();
    const bare = await firstLoadJavaScript(barePage, `http://localhost:${barePort}/`, () =>
      barePage.getByText("Bare page").waitFor(),
    );
    const sorted = [...timings].sort((a, b) => a - b);
    const ms = (value) => `${Math.round(value)} ms`;
    console.log(
      `\nSend → redeem URL on screen, ${ROUNDS} invitations, Graph latency ${GRAPH_LATENCY_MS} ms:`,
    );
    console.log(
      `  median ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`,
    );
    console.log("\nFirst-load JavaScript (every script the page loads, gzip -9):");
    console.log(
      `  invite page (signed in)    ${kB(invitePage.gzip).padStart(9)} gzipped, ${kB(invitePage.raw)} raw, ${invitePage.files} files`,
    );
    console.log(
      `  bare page, MsalProvider    ${kB(bare.gzip).padStart(9)} gzipped, ${kB(bare.raw)} raw, ${bare.files} files`,
    );
    console.log(
      `  difference                 ${kB(invitePage.gzip - bare.gzip).padStart(9)} gzipped`,
    );
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
