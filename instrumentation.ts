export async function register() {
  // Configuration comes from the Node.js environment; the edge runtime has nothing to check.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { validateConfigurationAtStart } = await import("@/lib/config/validate-at-start");
  validateConfigurationAtStart();
}
