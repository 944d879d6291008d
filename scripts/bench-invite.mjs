#!/usr/bin/env node
// `npm run bench:invite`: figures for the core invite flow, printed, never asserted.
//  1. With the local tenant's Graph latency at 250 ms: the time from clicking Send to the redeem URL
//     on screen, over 20 invitations in one signed-in browser session (median, p90, min, max).
//     Read inside the page: performance.now() at the click (capture listener) and a MutationObserver
//     for the Copy button, so Playwright's polling adds nothing; Playwright's own reading is printed too.
//     Interleaved with it, in the same run: a raw POST /invitations straight to the local tenant with
//     the same latency (a minted Graph token, the body the portal sends), and the ratio of the medians.
//  2. The first-load JavaScript of the invite page (gzipped), beside a bare Next.js page that only
//     renders MsalProvider, both measured the same way: the scripts the HTML document references
//     (what the first paint waits for), every script fetched by network idle (lazy chunks too), and
//     the document itself (it carries the messages and the server-rendered payload).
// Builds reuse an existing build (BUILD_ID present) unless BENCH_REBUILD=1. Ports: BENCH_TENANT_PORT,
// BENCH_PORTAL_PORT, BENCH_BARE_PORT; NEXT_DIST_DIR picks the portal build (default .next-bench).
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".bench-output");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const GRAPH_LATENCY_MS = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 250);
const tenantPort = Number(process.env.BENCH_TENANT_PORT ?? 4180);
const portalPort = Number(process.env.BENCH_PORTAL_PORT ?? 3180);
const barePort = Number(process.env.BENCH_BARE_PORT ?? 3181);
const portalDist = process.env.NEXT_DIST_DIR || ".next-bench";
const REDIRECT_URL = "https://myapps.microsoft.com";
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
  if (!process.env.BENCH_REBUILD && existsSync(path.join(cwd, distDir, "BUILD_ID"))) return;
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
async function firstLoadJavaScript(page, url, ready, { blockPrefetches = false } = {}) {
  const client = await page.context().newCDPSession(page);
  await client.send("Network.setCacheDisabled", { cacheDisabled: true });
  // The navigation links prefetch the other pages (and their code) once this one is idle: blocked,
  // what remains is this page's own code.
  const prefetch = (route) =>
    route.request().headers()["next-router-prefetch"] ? route.abort() : route.fallback();
  if (blockPrefetches) await page.route("**/*", prefetch);
  const scripts = [];
  const onResponse = (response) => {
    if (response.request().resourceType() === "script")
      scripts.push({
        url: response.url(),
        purpose: response.request().headers()["sec-purpose"] ?? "",
        body: response.body().catch(() => Buffer.alloc(0)),
      });
  };
  page.on("response", onResponse);
  const document = await page.goto(url);
  const html = (await document?.text()) ?? "";
  await ready();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  if (blockPrefetches) await page.unroute("**/*", prefetch);
  const fetched = await Promise.all(
    scripts.map(async ({ url: scriptUrl, purpose, body }) => ({
      // Referenced by the document itself (script tags, preloads): what the first paint waits for.
      inDocument: html.includes(new URL(scriptUrl).pathname),
      url: scriptUrl,
      purpose,
      body: await body,
    })),
  );
  if (process.env.BENCH_TRACE)
    for (const entry of fetched)
      console.log(
        `  ${entry.inDocument ? "document" : "later   "} ${(gzipSync(entry.body, { level: 9 }).length / 1024).toFixed(1).padStart(6)} kB ${new URL(entry.url).pathname} ${entry.purpose}`,
      );
  const sum = (entries) => ({
    files: entries.length,
    raw: entries.reduce((total, { body }) => total + body.length, 0),
    gzip: entries.reduce((total, { body }) => total + gzipSync(body, { level: 9 }).length, 0),
  });
  const htmlBytes = Buffer.from(html);
  const documentSize = { raw: htmlBytes.length, gzip: gzipSync(htmlBytes, { level: 9 }).length };
  return {
    first: sum(fetched.filter((entry) => entry.inDocument)),
    all: sum(fetched),
    documentSize,
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** A Graph token for the invitation, minted by the local tenant as if the portal had made the OBO exchange. */
async function graphToken() {
  const response = await fetch(`${tenantUrl}/_emulator/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user: "adele", audience: "graph", scopes: ["User.Invite.All"] }),
  });
  if (!response.ok) throw new Error(`minting a Graph token: ${response.status}`);
  const token = await response.json();
  return token.access_token ?? token.accessToken ?? token.token;
}

/** One raw POST /invitations with the body the portal sends for a fresh form. */
async function rawInvitation(accessToken, email, displayName) {
  const started = performance.now();
  const response = await fetch(`${tenantUrl}/v1.0/invitations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      invitedUserEmailAddress: email,
      invitedUserDisplayName: displayName,
      inviteRedirectUrl: REDIRECT_URL,
      invitedUserType: "Guest",
      sendInvitationMessage: true,
    }),
  });
  const body = await response.json();
  const elapsed = performance.now() - started;
  if (!response.ok || !body.inviteRedeemUrl) throw new Error(`raw invitation: ${response.status}`);
  return elapsed;
}

/** In the page: the time from the click on Send to the Copy button of the result in the DOM. */
function armSendTiming(page) {
  return page.evaluate(() => {
    const label = "Copy the invitation link";
    window.__sendTiming = new Promise((resolve) => {
      let clicked = 0;
      const send = () =>
        [...document.querySelectorAll("button[type=submit]")].find((button) =>
          button.textContent?.includes("Send invitation"),
        );
      document.addEventListener(
        "click",
        (event) => {
          if (event.target instanceof Node && send()?.contains(event.target))
            clicked = performance.now();
        },
        { capture: true },
      );
      const observer = new MutationObserver(() => {
        if (clicked && document.querySelector(`button[aria-label="${label}"]`)) {
          observer.disconnect();
          const shown = performance.now();
          // Resource Timing entries arrive once a response has ended: read them a moment later.
          setTimeout(() => {
            const action = performance
              .getEntriesByType("resource")
              .find(
                (entry) =>
                  entry.initiatorType === "fetch" &&
                  entry.startTime >= clicked &&
                  entry.startTime <= shown,
              );
            resolve({
              total: shown - clicked,
              beforeRequest: action ? action.startTime - clicked : NaN,
              request: action ? action.responseEnd - action.startTime : NaN,
              afterResponse: action ? shown - action.responseEnd : NaN,
            });
          }, 500);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
}

async function measureSendToLink(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(portalUrl);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: /Adele Vance/ }).click();
  await page.getByLabel("E-mail address").waitFor();
  const timings = [];
  const inPage = [];
  const phases = [];
  const raw = [];
  const accessToken = await graphToken();
  const run = Date.now();
  // BENCH_CLIENT_PROFILE=1: a CPU profile of the page over the measured sends, for finding where
  // the browser's share of the time goes (open it in Chromium's DevTools, Performance panel).
  const profiler = process.env.BENCH_CLIENT_PROFILE ? await context.newCDPSession(page) : undefined;
  // One unmeasured send first: the route's action code and the on-behalf-of exchange warm up once.
  for (let i = -1; i < ROUNDS; i += 1) {
    // Interleaved, so both sides of the ratio see the same load on the machine.
    if (i === 0 && profiler) {
      await profiler.send("Profiler.enable");
      await profiler.send("Profiler.setSamplingInterval", { interval: 100 });
      await profiler.send("Profiler.start");
    }
    if (i >= 0)
      raw.push(await rawInvitation(accessToken, `raw-${run}-${i}@fabrikam.com`, `Raw ${i}`));
    await page.getByLabel("E-mail address").fill(`bench-${run}-${i}@fabrikam.com`);
    await page.getByLabel("Display name").fill(`Bench guest ${i}`);
    await armSendTiming(page);
    const started = performance.now();
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("button", { name: "Copy the invitation link" }).waitFor();
    const elapsed = performance.now() - started;
    const measuredInPage = await page.evaluate(() => window.__sendTiming);
    if (i >= 0) {
      timings.push(elapsed);
      inPage.push(measuredInPage.total);
      phases.push(measuredInPage);
    }
    await page.getByRole("button", { name: "Invite another guest" }).click();
  }
  if (profiler) {
    const { profile } = await profiler.send("Profiler.stop");
    const file = path.join(out, "invite-page.cpuprofile");
    writeFileSync(file, JSON.stringify(profile));
    console.log(`The page's CPU profile over the measured sends: ${path.relative(root, file)}`);
  }
  const invitePage = await firstLoadJavaScript(
    page,
    portalUrl,
    () => page.getByLabel("E-mail address").waitFor(),
    { blockPrefetches: true },
  );
  const withPrefetches = await firstLoadJavaScript(page, portalUrl, () =>
    page.getByLabel("E-mail address").waitFor(),
  );
  invitePage.withPrefetches = withPrefetches.all;
  await context.close();
  return { timings, inPage, phases, raw, invitePage };
}

function writeBareApp(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "app"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), '{ "name": "bare-msal-app", "private": true }\n');
  // Its own (empty) instrumentation hook, or Next.js would pick up the portal's from the workspace root.
  writeFileSync(path.join(dir, "instrumentation.ts"), "export function register() {}\n");
  // Likewise its own proxy (one that never runs), or the portal's proxy.ts would be built into it.
  writeFileSync(
    path.join(dir, "proxy.ts"),
    'export function proxy() {}\nexport const config = { matcher: "/never-matched" };\n',
  );
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
  console.log(`Building the portal (${portalDist})…`);
  build(root, portalDist);

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
      NEXT_DIST_DIR: portalDist,
      LOCAL_TENANT_URL: tenantUrl,
      DATABASE_URL: "",
      DATA_DIR: path.join(out, "bench-data"),
    },
  });
  start("npx", ["next", "start", "-p", String(barePort)], {
    cwd: bareDir,
    env: { ...process.env, NEXT_DIST_DIR: ".next" },
  });
  await waitFor(`${portalUrl}/redirect`);
  await waitFor(`http://localhost:${barePort}/`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const { timings, inPage, phases, raw, invitePage } = await measureSendToLink(browser);
    const barePage = await browser.newPage();
    const bare = await firstLoadJavaScript(barePage, `http://localhost:${barePort}/`, () =>
      barePage.getByText("Bare page").waitFor(),
    );
    const ms = (value) => `${Math.round(value)} ms`;
    const summary = (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `median ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`;
    };
    const medianOf = (values) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    console.log(`\n${ROUNDS} invitations, Graph latency ${GRAPH_LATENCY_MS} ms, interleaved:`);
    console.log(`  Send → link, read in the page    ${summary(inPage)}`);
    console.log(`  Send → link, read by Playwright  ${summary(timings)}`);
    console.log(`  raw POST /invitations            ${summary(raw)}`);
    const phase = (name) => ms(medianOf(phases.map((entry) => entry[name])));
    console.log(
      `  in the page, medians: click → action request ${phase("beforeRequest")}, the request ${phase("request")}, answer → link on screen ${phase("afterResponse")}`,
    );
    console.log(
      `  ratio (medians)                  ${(medianOf(inPage) / medianOf(raw)).toFixed(2)}× in the page, ${(medianOf(timings) / medianOf(raw)).toFixed(2)}× by Playwright (goal ≤ 1.2×)`,
    );
    const row = (name, figure) =>
      `  ${name.padEnd(27)}${kB(figure.gzip).padStart(9)} gzipped, ${kB(figure.raw)} raw, ${figure.files} files`;
    console.log("\nFirst-load JavaScript: scripts the HTML document references, gzip -9:");
    console.log(row("invite page (signed in)", invitePage.first));
    console.log(row("bare page, MsalProvider", bare.first));
    console.log(
      `  ratio                      ${(invitePage.first.gzip / bare.first.gzip).toFixed(2)}× (goal ≤ 1.25×)`,
    );
    console.log(
      "\nEvery script fetched by network idle (lazy chunks too; other pages' prefetches blocked), gzip -9:",
    );
    console.log(row("invite page (signed in)", invitePage.all));
    console.log(row("bare page, MsalProvider", bare.all));
    console.log(
      `  ratio                      ${(invitePage.all.gzip / bare.all.gzip).toFixed(2)}×`,
    );
    console.log(
      `  with the nav links' prefetches of the other pages' code: ${kB(invitePage.withPrefetches.gzip)} gzipped in all, ${invitePage.withPrefetches.files} files`,
    );
    console.log("\nThe HTML document, gzip -9:");
    for (const [name, figure] of [
      ["invite page (signed in)", invitePage.documentSize],
      ["bare page, MsalProvider", bare.documentSize],
    ])
      console.log(
        `  ${name.padEnd(27)}${kB(figure.gzip).padStart(9)} gzipped, ${kB(figure.raw)} raw`,
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
