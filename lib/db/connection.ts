import { chmod, mkdir, stat } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { Pool } from "pg";
import { createPgliteDatabaseApart } from "./pglite-data-dir";
import * as schema from "./schema";
import { logger } from "@/lib/observability/logger";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Connection {
  db: Database;
  backend: "pglite" | "postgres";
  close(): Promise<void>;
}

// Any fixed 64-bit number works; all portal instances sharing a database must use the same one.
const MIGRATION_LOCK_KEY = "4719225308512667143";

/**
 * The folder holds the whole history: only the portal's own user may enter it. A folder that others
 * may write to could have had its files swapped, so the portal refuses to start on it.
 */
export async function secureDataFolder(dataDir: string): Promise<void> {
  const created = await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const { mode } = await stat(dataDir);
  if (mode & 0o022) {
    throw new Error(
      `Invitation store: the data folder ${dataDir} is writable by other users (mode ${(mode & 0o777).toString(8)}). Run: chmod 700 ${dataDir}`,
    );
  }
  // mkdir's mode passes through the umask, and an older folder may be readable by others.
  if (created !== undefined || mode & 0o077) await chmod(dataDir, 0o700);
}

export async function openPglite(dataDir: string, migrationsFolder: string): Promise<Connection> {
  await secureDataFolder(dataDir);
  await createPgliteDatabaseApart(dataDir);
  // Postgres' default 128 MB of shared buffers would live in the portal's own memory; the history
  // is small, and 16 MB still holds its working set.
  // (A start parameter, not postgresqlconf: that option replaces the whole postgresql.conf.)
  const client = await PGlite.create({
    dataDir,
    startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"],
  });
  try {
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return { db, backend: "pglite", close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}

export async function openPostgres(
  connectionString: string,
  migrationsFolder: string,
): Promise<Connection> {
  const pool = new Pool({ connectionString });
  // Without a listener, a dropped idle connection would crash the process.
  pool.on("error", (error: Error & { code?: string }) => {
    logger().error({ code: error.code }, "invitation store: idle PostgreSQL connection failed");
  });
  try {
    await migrateWithLock(pool, migrationsFolder);
    return {
      db: drizzlePostgres({ client: pool, schema }),
      backend: "postgres",
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** Portal instances starting together against one database take turns to migrate. */
async function migrateWithLock(pool: Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migratePostgres(drizzlePostgres({ client, schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    // A session-level lock dies with its connection, so a failed connection must not return to the pool.
    broken = error instanceof Error ? error : new Error("migration failed");
    throw error;
  } finally {
    client.release(broken);
  }
}
