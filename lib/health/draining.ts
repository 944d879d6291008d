// Whether this instance is shutting down (lib/health/shutdown.ts). On globalThis: Next.js may load
// this module more than once (instrumentation, route bundles), and all of them must agree.
const DRAINING = Symbol.for("guest-invitations-portal.draining");
type WithDraining = typeof globalThis & { [DRAINING]?: boolean };

/** From now on the instance reports itself not ready and refuses new server actions. */
export function startDraining(): void {
  (globalThis as WithDraining)[DRAINING] = true;
}

export function isDraining(): boolean {
  return (globalThis as WithDraining)[DRAINING] === true;
}
