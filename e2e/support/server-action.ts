import { readFile } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

type ReferenceManifest = {
  node?: Record<string, { exportedName?: string; filename?: string }>;
};

/** The id Next.js gave a server action in the build under test (NEXT_DIST_DIR). */
export async function serverActionId(exportedName: string, file: string): Promise<string> {
  const dist = process.env.NEXT_DIST_DIR ?? ".next-test";
  const manifest = JSON.parse(
    await readFile(path.join(dist, "server", "server-reference-manifest.json"), "utf8"),
  ) as ReferenceManifest;
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (entry.exportedName === exportedName && (entry.filename ?? "").includes(file)) return id;
  }
  throw new Error(`No server action ${exportedName} in ${file}`);
}

/**
 * Calls a server action the way an attacker would: a bare POST with the Next-Action header, no page.
 * Returns the raw React Server Components answer, which holds the action's result as JSON.
 */
export async function callServerAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  args: unknown[],
): Promise<string> {
  const response = await request.post(pagePath, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify(args),
  });
  return response.text();
}
