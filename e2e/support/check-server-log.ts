import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PORTAL_LOG } from "../../playwright.config";

// Runs after the whole browser run (playwright.config.ts globalTeardown): everything the portal
// wrote to stdout and stderr must be free of tokens, the client secret and redeem links, including
// the servers single specs start themselves (e2e/support/standalone-portal.ts: portal-*.log).
const LOCAL_TENANT_SECRET = "local-tenant-secret-not-for-production";
const FORBIDDEN: [string, RegExp][] = [
  ["an access token (JWT)", /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/],
  ["the client secret", new RegExp(LOCAL_TENANT_SECRET)],
  ["a redeem link", /redeem\?rd=/i],
  ["a redeem ticket", /ticket=(?!\[redacted\])/i],
];

function forbiddenIn(file: string): string[] {
  const log = readFileSync(file, "utf8");
  return FORBIDDEN.filter(([, pattern]) => pattern.test(log)).map(([name]) => name);
}

export default function checkServerLog(): void {
  if (readFileSync(PORTAL_LOG, "utf8").trim() === "")
    throw new Error(`The portal wrote nothing to ${PORTAL_LOG}.`);
  const folder = path.dirname(PORTAL_LOG);
  const logs = readdirSync(folder)
    .filter((name) => /^portal-.*\.log$/.test(name))
    .map((name) => path.join(folder, name));
  for (const file of new Set([PORTAL_LOG, ...logs])) {
    const found = forbiddenIn(file);
    if (found.length > 0) {
      throw new Error(`The portal's output (${file}) contains ${found.join(", ")}.`);
    }
  }
}
