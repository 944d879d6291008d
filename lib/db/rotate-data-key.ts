import { sql } from "drizzle-orm";
import type { Database } from "./connection";
import { currentKeyId, open, seal } from "./data-key";

const TABLES = ["invitation_history", "bulk_job_rows"] as const;
const BATCH = 500;
const NO_ID = "00000000-0000-0000-0000-000000000000";

export type RotationResult = {
  rewritten: number;
  /** Values no configured key opens (changed in the database, or sealed with a key not given). */
  unreadable: number;
};

/**
 * Re-encrypts every stored redeem URL with the current key: values sealed with the previous key, and
 * plaintext ones stored before encryption. Raw SQL on purpose: the column type would hide what is
 * stored. Safe to run again, and while the portal runs (a value is rewritten only if unchanged).
 */
export async function rotateDataKey(db: Database): Promise<RotationResult> {
  const sealedNow = `enc:v1:${currentKeyId()}:%`;
  const result: RotationResult = { rewritten: 0, unreadable: 0 };
  for (const table of TABLES) {
    for (let after = NO_ID; ;) {
      // Both drivers answer a raw statement with { rows }.
      const { rows } = (await db.execute(
        sql`select id, redeem_url from ${sql.identifier(table)} where redeem_url is not null and redeem_url not like ${sealedNow} and id > ${after}::uuid order by id limit ${BATCH}`,
      )) as unknown as { rows: { id: string; redeem_url: string }[] };
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = open(row.redeem_url);
        } catch {
          result.unreadable += 1;
          continue;
        }
        await db.execute(
          sql`update ${sql.identifier(table)} set redeem_url = ${seal(plaintext)} where id = ${row.id} and redeem_url = ${row.redeem_url}`,
        );
        result.rewritten += 1;
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }
  }
  return result;
}
