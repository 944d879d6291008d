// Liveness: the process answers. Nothing is checked, so a slow database never gets it restarted.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
