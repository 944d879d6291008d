import { answerMetrics } from "@/lib/observability/metrics-endpoint";

// Prometheus metrics on the portal's port, only with METRICS_TOKEN (lib/observability).
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const answer = await answerMetrics(request.headers.get("authorization"), { requireToken: true });
  return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
}
