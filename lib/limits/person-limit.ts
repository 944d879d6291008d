import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { Caller } from "@/lib/auth/caller";
import { limitsConfigFromEnv, type LimitsConfig } from "./limits-config";
import { limitsPool } from "./shared-pool";

export const PERSON_LIMIT_TABLE = "portal_person_limits";

/** Server-action calls per person: in memory, or in PostgreSQL so every instance counts together. */
export class PersonLimiter {
  private constructor(private readonly limiter: RateLimiterAbstract) {}

  static async create(config: LimitsConfig): Promise<PersonLimiter> {
    const options = { points: config.actionCalls, duration: config.actionWindowSeconds };
    if (!config.databaseUrl) return new PersonLimiter(new RateLimiterMemory(options));
    const pool = limitsPool(config.databaseUrl);
    const limiter = await new Promise<RateLimiterAbstract>((resolve, reject) => {
      const created: RateLimiterPostgres = new RateLimiterPostgres(
        {
          ...options,
          storeClient: pool,
          storeType: "pool",
          tableName: PERSON_LIMIT_TABLE,
          keyPrefix: "action",
          clearExpiredByTimeout: true,
          // A database hiccup must not lock everyone out: count in memory meanwhile.
          insuranceLimiter: new RateLimiterMemory(options),
        },
        (error?: Error) => (error ? reject(error) : resolve(created)),
      );
    });
    return new PersonLimiter(limiter);
  }

  /** Counts one call; answers the seconds to wait when the person has used up the window. */
  async consume(caller: Pick<Caller, "tid" | "oid">): Promise<number | undefined> {
    try {
      await this.limiter.consume(`${caller.tid}:${caller.oid}`);
      return undefined;
    } catch (result) {
      if (result instanceof RateLimiterRes)
        return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      throw result;
    }
  }
}

const LIMITER = Symbol.for("guest-invitations-portal.person-limiter");
type WithLimiter = typeof globalThis & { [LIMITER]?: Promise<PersonLimiter> };

/** The process-wide limiter, configured from the environment (limits-config.ts). */
export function personLimiter(): Promise<PersonLimiter> {
  const holder = globalThis as WithLimiter;
  if (!holder[LIMITER]) {
    const creating = PersonLimiter.create(limitsConfigFromEnv());
    holder[LIMITER] = creating;
    creating.catch(() => {
      if (holder[LIMITER] === creating) delete holder[LIMITER];
    });
  }
  return holder[LIMITER];
}

/** Forgets the process-wide limiter (tests that change the environment). */
export function resetPersonLimiter(): void {
  delete (globalThis as WithLimiter)[LIMITER];
}
