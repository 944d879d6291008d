export async function register() {
  // Configuration comes from the Node.js environment; the edge runtime has nothing to check.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // One build serves any tenant: the variables are needed where the server runs, not where it is built.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startNodeServer } = await import("@/lib/start-node-server");
  await startNodeServer();
}
