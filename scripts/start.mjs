#!/usr/bin/env node
// Runs the deployable server: Next.js' standalone output (`output: "standalone"`), the same files the
// Dockerfile ships. `npm start -- -p 3000` or PORT=3000. NEXT_DIST_DIR picks the build folder.
// Next.js leaves the static assets and public/ beside the standalone server for the deployer to copy:
// this does it (idempotently) so what runs here is what a container runs.
import { cpSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const distDir = process.env.NEXT_DIST_DIR || ".next";
const standalone = path.join(root, distDir, "standalone");
const server = path.join(standalone, "server.js");

if (!existsSync(server)) {
  console.error(`No standalone server at ${server}: run \`npm run build\` first.`);
  process.exit(1);
}

const portFlag = process.argv.findIndex((arg) => arg === "-p" || arg === "--port");
if (portFlag >= 0 && process.argv[portFlag + 1]) process.env.PORT = process.argv[portFlag + 1];
process.env.HOSTNAME ??= "0.0.0.0";
// The portal handles SIGTERM/SIGINT itself (instrumentation.ts): drain, let the bulk worker settle
// and release its jobs, then exit. Without this Next.js would exit mid-row.
process.env.NEXT_MANUAL_SIG_HANDLE ??= "true";

cpSync(path.join(root, distDir, "static"), path.join(standalone, distDir, "static"), {
  recursive: true,
});
if (existsSync(path.join(root, "public"))) {
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
}

// The generated server changes into its own folder and reads the environment; run it in this process
// so signals (SIGTERM from a container runtime) reach it directly.
createRequire(import.meta.url)(server);
