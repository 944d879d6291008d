#!/usr/bin/env node
// `npm run bench:pending`: figures for the pending-invitations page, printed, never asserted.
// With 20,000 pending guests in the local tenant and 250 ms of Graph latency on /users:
//  1. one raw Graph page request (the same query the portal sends), for comparison;
//  2. through the portal, in Chromium: time to the first page of the list, and to a search result;
//     the nav click → first row also read inside the page (performance.now() in a capture listener at
//     the click, a MutationObserver for the first table cell), beside a raw Graph page request made
//     just before each round, and the ratio of the medians;
//  3. through the portal's server action (a bare POST, as the page sends it): first page, search,
//     and 20 pages followed by cursor, with the portal server's memory (RSS) before and after.
// Builds into NEXT_DIST_DIR (default .next-pending) when that folder holds no build yet.
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".bench-output");
const distDir = process.env.NEXT_DIST_DIR ?? ".next-pending";
const GUESTS = Number(process.env.BENCH_GUESTS ?? 20_000);
const GRAPH_LATENCY_MS = Number(process.env.BENCH_GRAPH_LATENCY_MS ?? 250);
const PAGES = 20;
const PAGE_SIZE = 25;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 9);
const tenantPort = Number(process.env.BENCH_TENANT_PORT ?? 4130);
const portalPort = Number(process.env.BENCH_PORTAL_PORT ?? 3130);
const tenantUrl = `http://127.0.0.1:${tenantPort}`;
const portalUrl = `http://localhost:${portalPort}`;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];

const children = [];
// Each child leads its own process group, so npx and tsx take their own children down with them.
process.on("exit", () =>
  children.forEach((child) => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }),
);

function start(command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: { ...process.env, ...env },
  });
  children.push(child);
  return child;
}

async function waitFor(url) {
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never answered`);
}

async function control(method, route, body) {
  const response = await fetch(`${tenantUrl}/_emulator${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
  return response.json();
}

/** Resident memory of a process and its descendants, in MB (Linux /proc). */
const BENCH_METRICS_TOKEN = "bench-pending-metrics-token";

/** Heap and external memory of the portal server in MB, from /api/metrics. */
async function memoryBreakdown() {
  const response = await fetch(`${portalUrl}/api/metrics`, {
    headers: { Authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
  }).catch(() => undefined);
  if (!response?.ok) return undefined;
  const text = await response.text();
  const value = (name) => {
    const line = text.split("\n").find((entry) => entry.startsWith(`${name} `));
    return line ? Number(line.split(" ")[1]) / 1024 / 1024 : NaN;
  };
  return {
    heapTotal: value("nodejs_heap_size_total_bytes"),
    heapUsed: value("nodejs_heap_size_used_bytes"),
    external: value("nodejs_external_memory_bytes"),
  };
}

function rssMegabytes(pid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1)
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let kilobytes = 0;
  for (const member of tree) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${member}/status`, "utf8"));
      kilobytes += Number(match?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kilobytes / 1024;
}

function actionId(exportedName) {
  const manifest = JSON.parse(
    readFileSync(path.join(root, distDir, "server", "server-reference-manifest.json"), "utf8"),
  );
  for (const [id, entry] of Object.entries(manifest.node ?? {}))
    if (entry.exportedName === exportedName && entry.filename?.includes("components/pending/"))
      return id;
  throw new Error(`no server action ${exportedName}`);
}

/** The action's result from its React Server Components answer. */
function resultOf(text) {
  for (const line of text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    try {
      const value = JSON.parse(json);
      if (value && typeof value === "object" && "ok" in value) return value;
    } catch {
      // another RSC row
    }
  }
  throw new Error("no action result in the answer");
}

async function post(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    // A kept-alive socket the server closed meanwhile: one fresh attempt (actions here only read).
    return fetch(url, init);
  }
}

async function callAction(id, args) {
  const response = await post(`${portalUrl}/pending`, {
    method: "POST",
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    body: JSON.stringify(args),
  });
  const result = resultOf(await response.text());
  if (!result.ok) throw new Error(`action failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

async function timed(run) {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value)} ms`;

async function rawGraphPage(search, repeats = REPEATS) {
  const token = await control("POST", "/tokens", {
    user: "adele",
    audience: "graph",
    scopes: ["User.Read.All"],
  });
  const accessToken = token.access_token ?? token.accessToken ?? token.token;
  let filter = "externalUserState eq 'PendingAcceptance'";
  if (search)
    filter += ` and (startswith(displayName,'${search}') or startswith(mail,'${search}'))`;
  const query = new URLSearchParams({
    $filter: filter,
    $select: "id,displayName,mail,userPrincipalName,createdDateTime,externalUserState,userType",
    $top: String(PAGE_SIZE),
    $expand: "sponsors($select=id,displayName)",
  });
  const times = [];
  for (let i = 0; i < repeats; i += 1) {
    const { ms: elapsed } = await timed(async () => {
      const response = await fetch(`${tenantUrl}/v1.0/users?${query}`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      await response.json();
    });
    times.push(elapsed);
  }
  return median(times);
}

async function throughTheBrowser(search) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  await page.goto(`${portalUrl}/`);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: /Adele Vance/ }).click();
  await page.getByLabel("E-mail address").waitFor();
  const firstPage = [];
  const inPage = [];
  const phases = [];
  const raw = [];
  const searches = [];
  // BENCH_CLIENT_PROFILE=1: a CPU profile of the page over the measured rounds (DevTools can open it).
  const profiler = process.env.BENCH_CLIENT_PROFILE
    ? await page.context().newCDPSession(page)
    : undefined;
  if (profiler) {
    await profiler.send("Profiler.enable");
    await profiler.send("Profiler.setSamplingInterval", { interval: 100 });
  }
  for (let i = 0; i < REPEATS; i += 1) {
    await page.goto(`${portalUrl}/`);
    await page.getByLabel("E-mail address").waitFor();
    raw.push(await rawGraphPage(undefined, 1));
    await armFirstRowTiming(page);
    if (profiler) await profiler.send("Profiler.start");
    if (process.env.BENCH_CLIENT_TRACE && i === REPEATS - 1)
      await browser.startTracing(page, {
        categories: ["devtools.timeline", "v8.execute", "blink.user_timing"],
      });
    // From the click on the nav entry to the first row of the list on screen.
    const first = await timed(async () => {
      await page.getByRole("link", { name: "Pending invitations" }).click();
      await page.locator("tbody tr").first().waitFor();
    });
    firstPage.push(first.ms);
    if (process.env.BENCH_CLIENT_TRACE && i === REPEATS - 1)
      writeFileSync(path.join(out, "pending-nav.trace.json"), await browser.stopTracing());
    if (profiler) {
      const { profile } = await profiler.send("Profiler.stop");
      writeFileSync(path.join(out, `pending-nav-${i}.cpuprofile`), JSON.stringify(profile));
    }
    const measured = await page.evaluate(() => window.__firstRowTiming);
    inPage.push(measured.total);
    phases.push(measured);
    if (process.env.BENCH_TRACE) console.log(JSON.stringify(measured));
    const searched = await timed(async () => {
      await page.getByLabel("Search by name or e-mail").fill(`${search}${i}`);
      await page.getByLabel("Search by name or e-mail").press("Enter");
      await page.getByText("Loading pending invitations…").waitFor({ state: "detached" });
      await page.locator("tbody tr").first().waitFor();
    });
    searches.push(searched.ms);
  }
  await browser.close();
  return {
    firstPage: median(firstPage),
    inPage: median(inPage),
    inPageAll: inPage,
    phase: (name) => median(phases.map((entry) => entry[name])),
    raw: median(raw),
    search: median(searches),
  };
}

/** In the page: from the click on the nav entry to the first table cell of the list in the DOM. */
function armFirstRowTiming(page) {
  return page.evaluate(() => {
    window.__firstRowTiming = new Promise((resolve) => {
      let clicked = 0;
      const longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          longTasks.push([Math.round(entry.startTime - clicked), Math.round(entry.duration)]);
      }).observe({ type: "longtask" });
      document.addEventListener(
        "click",
        (event) => {
          const link = event.target instanceof Element ? event.target.closest("a") : null;
          if (link?.textContent?.includes("Pending invitations")) clicked = performance.now();
        },
        { capture: true },
      );
      const seen = {};
      const observer = new MutationObserver(() => {
        if (clicked) {
          const text = document.body.innerText;
          for (const marker of ["Loading pending invitations", "Checking", "Loading…"])
            if (!(marker in seen) && text.includes(marker))
              seen[marker] = Math.round(performance.now() - clicked);
        }
        if (clicked && document.querySelector("tbody td")) {
          observer.disconnect();
          const shown = performance.now();
          // Resource Timing entries arrive once a response has ended: read them a moment later.
          setTimeout(() => {
            const after = performance
              .getEntriesByType("resource")
              .filter((entry) => entry.startTime >= clicked && entry.startTime <= shown);
            // The list's own call: the last server action to answer before the first row appeared
            // (the page's other calls wait behind it, components/server-action/call-order.ts).
            const action = after
              .filter(
                (entry) =>
                  entry.initiatorType === "fetch" &&
                  new URL(entry.name).pathname === "/pending" &&
                  !entry.name.includes("_rsc=") &&
                  entry.responseEnd <= shown,
              )
              .sort((a, b) => a.responseEnd - b.responseEnd)
              .at(-1);
            const routeEnd = Math.max(
              0,
              ...after
                .filter((entry) => entry !== action)
                .map((entry) => entry.responseEnd - clicked),
            );
            resolve({
              total: shown - clicked,
              routeLoaded: routeEnd,
              beforeAction: action ? action.startTime - clicked : NaN,
              action: action ? action.responseEnd - action.startTime : NaN,
              afterAnswer: action ? shown - action.responseEnd : NaN,
              longTasks: longTasks.filter(([start]) => start >= 0),
              seen,
              entries: after.map((entry) => ({
                name: entry.name.replace(/^https?:\/\/[^/]+/, "").slice(0, 60),
                type: entry.initiatorType,
                start: Math.round(entry.startTime - clicked),
                end: Math.round(entry.responseEnd - clicked),
              })),
            });
          }, 1000);
        }
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
    });
  });
}

async function main() {
  mkdirSync(out, { recursive: true });
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.log(`Building the portal into ${distDir}…`);
    const built = spawnSync("npx", ["next", "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: distDir },
    });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const dataDir = path.join(out, "pending-bench-data");
  rmSync(dataDir, { recursive: true, force: true });

  start("npx", ["tsx", "emulator/src/main.ts"], {
    TENANT_PORT: String(tenantPort),
    TENANT_SEED: "minimal",
  });
  await waitFor(`${tenantUrl}/_emulator/health`);
  await control("POST", "/guests", {
    count: GUESTS,
    externalUserState: "PendingAcceptance",
    displayNamePrefix: "Bench Guest",
  });
  await control("PATCH", "/settings", { latencyMs: { users: GRAPH_LATENCY_MS } });
  // The standalone server in this very process (no npx in between), so its process tree is the portal's.
  const portal = start(
    process.execPath,
    [
      ...(process.env.BENCH_HEAP_SNAPSHOT ? ["--heapsnapshot-signal=SIGUSR2"] : []),
      path.join(root, "scripts/start.mjs"),
      "-p",
      String(portalPort),
    ],
    {
      NEXT_DIST_DIR: distDir,
      LOCAL_TENANT_URL: tenantUrl,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
    },
  );
  await waitFor(`${portalUrl}/redirect`);
  const atStart = rssMegabytes(portal.pid);
  const health = await control("GET", "/health");

  console.log(
    `\nPending invitations: ${health.users} users in the local tenant (${GUESTS} pending guests seeded), Graph latency ${GRAPH_LATENCY_MS} ms on /users, page size ${PAGE_SIZE}, medians of ${REPEATS}\n`,
  );
  const raw = await rawGraphPage();
  const rawSearch = await rawGraphPage("Bench Guest 1");
  console.log(`Raw Graph page request (GET /users, one page)        ${ms(raw)}`);
  console.log(`Raw Graph search request (startswith, one page)      ${ms(rawSearch)}`);

  const listId = actionId("listPendingInvitations");
  const token = await control("POST", "/tokens", { user: "adele", audience: "portal-api" });
  const apiToken = token.access_token ?? token.accessToken ?? token.token;
  // Warm up: the first call validates the key set and makes the on-behalf-of exchange.
  await callAction(listId, [apiToken, { pageSize: PAGE_SIZE }]);
  const actionFirst = [];
  const actionSearch = [];
  for (let i = 0; i < REPEATS; i += 1) {
    actionFirst.push(
      (await timed(() => callAction(listId, [apiToken, { pageSize: PAGE_SIZE }]))).ms,
    );
    actionSearch.push(
      (
        await timed(() =>
          callAction(listId, [apiToken, { pageSize: PAGE_SIZE, search: `Bench Guest 1${i}` }]),
        )
      ).ms,
    );
  }
  console.log(`Server action, first page                            ${ms(median(actionFirst))}`);
  console.log(`Server action, search result                         ${ms(median(actionSearch))}`);

  const browser = await throughTheBrowser("Bench Guest 1");
  console.log(`Browser: nav click to first row of the list          ${ms(browser.firstPage)}`);
  console.log(
    `  read in the page (each round: ${browser.inPageAll.map(ms).join(", ")})   ${ms(browser.inPage)}`,
  );
  console.log(
    `  raw Graph page, one before each round               ${ms(browser.raw)}; ratio ${(browser.inPage / browser.raw).toFixed(2)}× (goal ≤ 1.5×)`,
  );
  console.log(
    `  medians: route payload and code loaded ${ms(browser.phase("routeLoaded"))} after the click, action request starts at ${ms(browser.phase("beforeAction"))}, takes ${ms(browser.phase("action"))}, answer → first row ${ms(browser.phase("afterAnswer"))}`,
  );
  console.log(`Browser: Enter in search to first matching row       ${ms(browser.search)}`);

  global.gc?.();
  const before = rssMegabytes(portal.pid);
  const pageTimes = [];
  let cursor = null;
  let rows = 0;
  for (let i = 0; i < PAGES; i += 1) {
    const { ms: elapsed, value } = await timed(() =>
      callAction(listId, [apiToken, { pageSize: PAGE_SIZE, cursor }]),
    );
    pageTimes.push(elapsed);
    rows += value.rows.length;
    cursor = value.nextCursor;
    if (!cursor) break;
  }
  const after = rssMegabytes(portal.pid);
  console.log(
    `Paging ${pageTimes.length} pages by cursor (${rows} rows)              median ${ms(median(pageTimes))} a page`,
  );
  console.log(`Portal server RSS just after start (before any action) ${atStart.toFixed(1)} MB`);
  console.log(`Portal server RSS before paging                      ${before.toFixed(1)} MB`);
  console.log(`Portal server RSS after ${PAGES} pages                     ${after.toFixed(1)} MB`);
  // What holds the memory, from the server's own metrics (prom-client's process and Node.js figures).
  const held = await memoryBreakdown();
  if (held)
    console.log(
      `  of which V8's heap ${held.heapTotal.toFixed(1)} MB (${held.heapUsed.toFixed(1)} MB in use), external to it ${held.external.toFixed(1)} MB (PGlite's WebAssembly memory is counted there, docs/performance.md#memory); the rest is code and the runtime`,
    );
  if (process.env.BENCH_HEAP_SNAPSHOT) {
    // The server was started with --heapsnapshot-signal=SIGUSR2: it writes Heap.*.heapsnapshot in its cwd.
    process.kill(portal.pid, "SIGUSR2");
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    console.log(`Heap snapshot requested (in ${distDir}/standalone)`);
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
