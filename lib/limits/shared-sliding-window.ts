import type { Pool } from "pg";
import { type InvitationLane, type InvitationPacer, type RateLimiterOptions } from "./pacer-types";

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
    for (;;) {
      const verdict = await this.tryGrant(lane);
      if (verdict.granted) return;
      await this.sleep(Math.min(MAX_POLL_MS, Math.max(1, this.waitMs(verdict))));
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

  /** Something changes when the oldest grant leaves the window, or the pause ends. */
  private waitMs(verdict: Verdict): number {
    if (verdict.blockedUntil > verdict.now) return (verdict.blockedUntil - verdict.now) / 1000;
    const oldest = verdict.grants[0] ?? verdict.now;
    return (oldest + this.options.windowMs * 1000 - verdict.now) / 1000;
  }

  /**
   * One statement reads the window under the row's lock, grants or not, and writes it back. The
   * rule is mayGrant's (pacer-types.ts), in SQL; single grants are kept for two windows for it.
   */
  private async tryGrant(lane: InvitationLane): Promise<Verdict> {
    await this.prepare();
    const { rows } = await this.pool.query<{
      grants: string[];
      blocked_until: string;
      t: string;
      ok: boolean;
    }>(
      `with clock as (select (extract(epoch from clock_timestamp()) * 1000000)::bigint as t),
       current_window as (
         select array(select g from unnest(p.grants) g where g > c.t - $2::bigint order by g) as grants,
                array(select g from unnest(p.single_grants) g where g > c.t - 2 * $2::bigint order by g) as recent_singles,
                (select count(*) from unnest(p.single_grants) g where g > c.t - $2::bigint)::int as singles,
                p.blocked_until, c.t
         from ${PACE_TABLE} p, clock c
         where p.key = $1
         for update of p),
       verdict as (
         select w.*, w.blocked_until <= w.t and cardinality(w.grants) < $3::int and (
             $4::boolean or $5::int = 0 or (
               cardinality(w.grants) < $3::int - 1
               and cardinality(w.grants) - w.singles
                 < $3::int - least($5::int, ceil(cardinality(w.recent_singles) / 2.0)::int + 1))
           ) as ok
         from current_window w)
       update ${PACE_TABLE} p set
         grants = case when v.ok then v.grants || v.t else v.grants end,
         single_grants = case when v.ok and $4::boolean then v.recent_singles || v.t else v.recent_singles end
       from verdict v
       where p.key = $1
       returning v.grants, v.blocked_until, v.t, v.ok`,
      [
        this.key,
        this.options.windowMs * 1000,
        this.options.requests,
        lane === "single",
        this.options.reserveForSingle ?? 0,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error("invitation pace row missing");
    return {
      granted: row.ok,
      grants: row.grants.map(Number),
      blockedUntil: Number(row.blocked_until),
      now: Number(row.t),
    };
  }

  private prepare(): Promise<void> {
    this.ready ??= this.createRow().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createRow(): Promise<void> {
    await this.tolerateRace(
      `create table if not exists ${PACE_TABLE} (
         key text primary key, grants bigint[] not null default '{}', blocked_until bigint not null default 0)`,
    );
    // Instances from before the lanes were counted apart made the table without it.
    await this.tolerateRace(
      `alter table ${PACE_TABLE} add column if not exists single_grants bigint[] not null default '{}'`,
    );
    await this.pool.query(`insert into ${PACE_TABLE} (key) values ($1) on conflict do nothing`, [
      this.key,
    ]);
  }

  /** Instances starting together race to create the table and column; the losers see a duplicate. */
  private async tolerateRace(statement: string): Promise<void> {
    try {
      await this.pool.query(statement);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== "23505" && code !== "42P07" && code !== "42701") throw error;
    }
  }
}
