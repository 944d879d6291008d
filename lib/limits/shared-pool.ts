import { Pool } from "pg";

// The limits keep their own small pool: they must answer even while the store's pool is busy
// with a bulk job, and they hold no transaction.
const POOLS = Symbol.for("guest-invitations-portal.limits-pools");
type WithPools = typeof globalThis & { [POOLS]?: Map<string, Pool> };

/** One pool per connection string for this process. */
export function limitsPool(connectionString: string): Pool {
  const holder = globalThis as WithPools;
  const pools = (holder[POOLS] ??= new Map());
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new Pool({ connectionString, max: 4 });
    // Without a listener, a dropped idle connection would crash the process.
    pool.on("error", () => undefined);
    pools.set(connectionString, pool);
  }
  return pool;
}

/** Closes every limits pool (shutdown, tests). */
export async function closeLimitsPools(): Promise<void> {
  const holder = globalThis as WithPools;
  const pools = [...(holder[POOLS]?.values() ?? [])];
  holder[POOLS]?.clear();
  await Promise.all(pools.map((pool) => pool.end()));
}
