import path from "node:path";

/**
 * Resolved from the working directory rather than this file's location, because inside a
 * Next.js server bundle `import.meta.url` points into `.next/`, where the SQL files are not copied.
 */
export function migrationsFolder(override?: string): string {
  const configured = override ?? process.env.DB_MIGRATIONS_DIR;
  if (configured && configured.trim() !== "") return path.resolve(configured);
  return path.join(process.cwd(), "lib", "db", "migrations");
}
