import { readFileSync } from "node:fs";
import { PORTAL_LOG } from "../../playwright.config";

// Runs after the whole browser run (playwright.config.ts globalTeardown): everything the portal
// wrote to stdout and stderr must be free of tokens, the client secret and redeem links.
const LOCAL_TENANT_SECRET = "local-tenant-secret-not-for-production";
const FORBIDDEN: [string, RegExp][] = [
  ["an access token (JWT)", /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/],
  ["the client secret", new RegExp(LOCAL_TENANT_SECRET)],
  ["a redeem link", /redeem\?rd=/i],
  ["a redeem ticket", /ticket=(?!\[redacted\])/i],
];

export default function checkServerLog(): void {
  const log = readFileSync(PORTAL_LOG, "utf8");
  if (log.trim() === "") throw new Error(`The portal wrote nothing to ${PORTAL_LOG}.`);
  const found = FORBIDDEN.filter(([, pattern]) => pattern.test(log)).map(([name]) => name);
  if (found.length > 0) {
    throw new Error(`The portal's output (${PORTAL_LOG}) contains ${found.join(", ")}.`);
  }
}
