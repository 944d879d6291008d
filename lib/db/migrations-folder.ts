import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Resolved from the working directory rather than this file's location, because inside a
 * Next.js server bundle `import.meta.url` points into `.next/`, where the SQL files are not copied.
 */
export function migrationsFolder(override?: string): string {
  const configured = override ?? process.env.DB_MIGRATIONS_DIR;
  if (configured && configured.trim() !== "") return path.resolve(configured);
  // The tracer would otherwise copy the whole project; next.config.js includes the migrations instead.
  return path.join(/* turbopackIgnore: true */ process.cwd(), "lib", "db", "migrations");
}

/** Fails before any database is opened, naming the folder, when the migrations are not where expected. */
export function assertMigrationsFolder(folder: string): void {
  if (!existsSync(path.join(folder, "meta", "_journal.json"))) {
    throw new Error(
      `Invitation store: no migrations in ${folder} (run from the project folder or set DB_MIGRATIONS_DIR)`,
    );
  }
}
