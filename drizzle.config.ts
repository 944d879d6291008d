import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate --name <what-changed>` writes the next migration; no database needed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
