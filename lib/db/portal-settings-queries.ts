import { eq, sql } from "drizzle-orm";
import type { Database } from "./connection";
import { portalSettings, type PortalSettingRecord } from "./schema";
import { StoreError } from "./store-error";

export type SettingActor = { oid: string; name?: string | null };

export async function getSetting(
  db: Database,
  key: string,
): Promise<PortalSettingRecord | undefined> {
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.key, key));
  return row;
}

/** Saves a setting's value (one statement): its revision grows by one, and who saved it when is kept. */
export async function putSetting(
  db: Database,
  key: string,
  value: Record<string, unknown>,
  actor: SettingActor,
  at: Date,
): Promise<PortalSettingRecord> {
  const [saved] = await db
    .insert(portalSettings)
    .values({
      key,
      value,
      revision: 1,
      updatedByOid: actor.oid,
      updatedByName: actor.name ?? null,
      updatedAt: at,
    })
    .onConflictDoUpdate({
      target: portalSettings.key,
      set: {
        value,
        revision: sql`${portalSettings.revision} + 1`,
        updatedByOid: actor.oid,
        updatedByName: actor.name ?? null,
        updatedAt: at,
      },
    })
    .returning();
  if (!saved) throw new StoreError("putSetting");
  return saved;
}
