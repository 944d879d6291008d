import path from "node:path";
import { openPglite, openPostgres } from "./connection";
import { LOCAL_DATA_KEY, parseDataKey, setDataKeys } from "./data-key";
import { createInvitationStore, type InvitationStore } from "./invitation-store";
import { assertMigrationsFolder, migrationsFolder } from "./migrations-folder";

export interface StoreOptions {
  /** A PostgreSQL connection string; without one, an embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite's data folder, created if missing. */
  dataDir?: string;
  migrationsDir?: string;
  /**
   * Base64 AES-256 keys for redeem URLs at rest (data-key.ts): `current` seals, and `previous` still
   * opens values sealed before a rotation. Default: the local tenant's public key.
   */
  dataKeys?: { current?: string; previous?: string };
}

const DEFAULT_DATA_DIR = ".data";

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== "" ? value.trim() : undefined;
}

/** Opens a store and applies pending migrations; the caller closes it. */
export async function createStore(options: StoreOptions = {}): Promise<InvitationStore> {
  setDataKeys({
    current: parseDataKey(options.dataKeys?.current ?? LOCAL_DATA_KEY),
    ...(options.dataKeys?.previous
      ? { previous: parseDataKey(options.dataKeys.previous, "DATA_ENCRYPTION_KEY_PREVIOUS") }
      : {}),
  });
  const folder = migrationsFolder(options.migrationsDir);
  assertMigrationsFolder(folder);
  const databaseUrl = nonEmpty(options.databaseUrl);
  const connection = databaseUrl
    ? await openPostgres(databaseUrl, folder)
    : await openPglite(
        path.resolve(/* turbopackIgnore: true */ options.dataDir ?? DEFAULT_DATA_DIR),
        folder,
      );
  return createInvitationStore(connection.db, connection.backend, connection.close);
}

export function storeOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): StoreOptions {
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.DATA_DIR),
    migrationsDir: nonEmpty(env.DB_MIGRATIONS_DIR),
    dataKeys: {
      current: nonEmpty(env.DATA_ENCRYPTION_KEY),
      previous: nonEmpty(env.DATA_ENCRYPTION_KEY_PREVIOUS),
    },
  };
}

// On globalThis so that Next.js dev reloads, which re-evaluate modules, reuse the open database:
// two PGlite instances on one folder would corrupt it.
const SINGLETON = Symbol.for("guest-invitations-portal.invitation-store");
type WithStore = typeof globalThis & { [SINGLETON]?: Promise<InvitationStore> };

/** The process-wide store, configured from the environment (storeOptionsFromEnv). */
export function getStore(): Promise<InvitationStore> {
  const holder = globalThis as WithStore;
  const existing = holder[SINGLETON];
  if (existing) return existing;
  const opening = createStore(storeOptionsFromEnv());
  holder[SINGLETON] = opening;
  // A failed start (database down) must not stick: the next call tries again.
  opening.catch(() => {
    if (holder[SINGLETON] === opening) delete holder[SINGLETON];
  });
  return opening;
}

/** Closes the process-wide store, if open; the next getStore() opens it again. */
export async function closeStore(): Promise<void> {
  const holder = globalThis as WithStore;
  const existing = holder[SINGLETON];
  delete holder[SINGLETON];
  const store = await existing?.catch(() => undefined);
  await store?.close();
}
