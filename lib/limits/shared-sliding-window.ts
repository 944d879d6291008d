import type { Pool } from "pg";
import type { InvitationLane, InvitationPacer, RateLimiterOptions } from "./pacer-types";

export const PACE_TABLE = "portal_invitation_pace";
const MAX_POLL_MS = 1_000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Verdict = { granted: boolean; grants: number[]; blockedUntil: number; now: number };

/**
 * The sliding window of SlidingWindowLimiter kept in one PostgreSQL row per key, so that every
 * instance on the database draws on the same budget. Times are the database's clock in
 * microseconds; one UPDATE both reads and grants, and the row lock serialises instances.
 */
export class SharedSlidingWindow implements InvitationPacer {
  private ready: Promise<void> | undefined;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly key: string,
    private readonly options: Omit<RateLimiterOptions, "now">,
  ) {
    this.sleep = options.sleep ?? realSleep;
  }

  async acquire(lane: InvitationLane = "single"): Promise<void> {
    const limit =
      lane === "bulk"
        ? Math.max(1, this.options.requests - (this.options.reserveForSingle ?? 0))
        : this.options.requests;
    for (;;) {
      const verdict = await this.tryGrant(limit);
      if (verdict.granted) return;
      await this.sleep(Math.min(MAX_POLL_MS, Math.max(1, this.waitMs(verdict, limit))));
    }
  }

  async backOff(seconds: number): Promise<void> {
    await this.prepare();
    await this.pool.query(
      `update ${PACE_TABLE} set blocked_until = greatest(blocked_until,
         (extract(epoch from clock_timestamp()) * 1000000)::bigint + $2::bigint)
       where key = $1`,
      [this.key, Math.ceil(seconds * 1_000_000)],
    );
  }

  private waitMs(verdict: Verdict, limit: number): number {
    if (verdict.blockedUntil > verdict.now) return (verdict.blockedUntil - verdict.now) / 1000;
    const freesASlot = verdict.grants[verdict.grants.length - limit] ?? verdict.now;
    return (freesASlot + this.options.windowMs * 1000 - verdict.now) / 1000;
  }

  private async tryGrant(limit: number): Promise<Verdict> {
    await this.prepare();
    const { rows } = await this.pool.query<{ grants: string[]; blocked_until: string; t: string }>(
      `with clock as (select (extract(epoch from clock_timestamp()) * 1000000)::bigint as t)
       update ${PACE_TABLE} p set grants = case
           when p.blocked_until <= clock.t
             and (select count(*) from unnest(p.grants) g where g > clock.t - $2::bigint) < $3
           then array(select g from unnest(p.grants) g where g > clock.t - $2::bigint order by g) || clock.t
           else array(select g from unnest(p.grants) g where g > clock.t - $2::bigint order by g)
         end
       from clock
       where p.key = $1
       returning p.grants, p.blocked_until, clock.t`,
      [this.key, this.options.windowMs * 1000, limit],
    );
    const row = rows[0];
    if (!row) throw new Error("invitation pace row missing");
    const grants = row.grants.map(Number);
    const now = Number(row.t);
    return { granted: grants.at(-1) === now, grants, blockedUntil: Number(row.blocked_until), now };
  }

  private prepare(): Promise<void> {
    this.ready ??= this.createRow().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createRow(): Promise<void> {
    try {
      await this.pool.query(
        `create table if not exists ${PACE_TABLE} (
           key text primary key, grants bigint[] not null default '{}', blocked_until bigint not null default 0)`,
      );
    } catch (error) {
      // Instances starting together race to create the table; the loser sees a duplicate.
      const code = (error as { code?: string }).code;
      if (code !== "23505" && code !== "42P07") throw error;
    }
    await this.pool.query(`insert into ${PACE_TABLE} (key) values ($1) on conflict do nothing`, [
      this.key,
    ]);
  }
}
