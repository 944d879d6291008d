import { checkReadiness } from "@/lib/health/readiness";

// Readiness: database reachable and migrated, tenant keys fetchable, not draining (lib/health).
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? "ready" : "not_ready", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
