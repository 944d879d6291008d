#!/usr/bin/env node
// The project's single test command (`npm test`): typecheck, lint, unit and integration tests (Vitest), a
// production build, then browser tests (Playwright in Debian's Chromium against the standalone server
// and the local tenant). Ends with one line "N passed, N failed" summing both runners.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, ".test-output");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv[2]; // "unit" or "e2e" to run one half

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function countVitest(file, exitCode) {
  const report = readJson(file);
  if (!report) {
    totals.failed += 1; // the runner itself failed before reporting
    return;
  }
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (exitCode !== 0 && !report.numFailedTests && !report.numFailedTestSuites) totals.failed += 1;
}

function countPlaywright(file, exitCode) {
  const report = readJson(file);
  if (!report?.stats) {
    totals.failed += 1;
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  if (exitCode !== 0 && unexpected === 0) totals.failed += 1; // e.g. a web server that never started
}

/** A whole-project check (typecheck, lint) counts as one test. */
function check(name, command, args) {
  console.log(`\n${name}: ${command} ${args.join(" ")}`);
  if (run(command, args) === 0) totals.passed += 1;
  else {
    console.error(`${name} failed.`);
    totals.failed += 1;
  }
}

if (only !== "e2e") {
  check("Typecheck", "npx", ["tsc", "--noEmit"]);
  check("Lint", "npx", ["eslint", "."]);
  const vitestJson = path.join(out, "vitest.json");
  const code = run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ]);
  countVitest(vitestJson, code);
}

if (only !== "unit") {
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    console.error(
      `Browser tests need Chromium at ${chromium}. On Debian: apt-get install -y chromium ` +
        "(or set CHROMIUM_PATH).",
    );
    totals.failed += 1;
  } else {
    const distDir = ".next-test";
    const buildCode = run("npx", ["next", "build"], { NEXT_DIST_DIR: distDir });
    if (buildCode !== 0) {
      console.error("next build failed: browser tests not run.");
      totals.failed += 1;
    } else {
      const playwrightJson = path.join(out, "playwright.json");
      const code = run("npx", ["playwright", "test", "--reporter=list,json"], {
        NEXT_DIST_DIR: distDir,
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      });
      countPlaywright(playwrightJson, code);
    }
  }
}

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : "";
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed === 0 ? 0 : 1);
