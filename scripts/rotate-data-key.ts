// npm run rotate-data-key: re-encrypts every stored redeem link with DATA_ENCRYPTION_KEY, opening the
// old ones with DATA_ENCRYPTION_KEY_PREVIOUS (docs/security.md). Same DATABASE_URL or DATA_DIR as the
// portal; with PGlite, stop the portal first (one process per data folder).
import { createStore, storeOptionsFromEnv } from "../lib/db/store";

async function main(): Promise<number> {
  const options = storeOptionsFromEnv();
  if (!options.dataKeys?.current) {
    console.error(
      "Set DATA_ENCRYPTION_KEY to the new key and DATA_ENCRYPTION_KEY_PREVIOUS to the old one.",
    );
    return 2;
  }
  const store = await createStore(options);
  try {
    const { rewritten, unreadable } = await store.rotateDataKey();
    console.log(`Re-encrypted ${rewritten} redeem link(s) with the current key.`);
    if (unreadable > 0) {
      console.error(
        `${unreadable} stored link(s) open with neither key: changed in the database, or sealed with a key not given.`,
      );
      return 1;
    }
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : "rotation failed");
    process.exit(1);
  },
);
