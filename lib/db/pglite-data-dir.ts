import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const CREATE_DATABASE = `const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create({ dataDir: process.argv[1] });
await db.close();`;

/**
 * Creates the PGlite database in a short-lived child process when the folder holds none yet.
 * PGlite runs initdb inside a second WebAssembly Postgres, and the portal's process would keep that
 * memory (about 500 MB of resident memory) for its whole life; the child gives it back when it exits.
 * If the child cannot run (e.g. the package does not resolve from the working directory), the
 * caller's own PGlite.create runs initdb in process, as before.
 */
export async function createPgliteDatabaseApart(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return;
  try {
    await promisify(execFile)(
      process.execPath,
      ["--input-type=module", "--eval", CREATE_DATABASE, dataDir],
      { timeout: 120_000 },
    );
  } catch {
    // Falls back to initdb in process.
  }
}
