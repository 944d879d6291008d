import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { logger } from "./logger";
import { metrics } from "./metrics";

export type MetricsAnswer = { status: number; body: string; headers: Record<string, string> };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus' text format. On the portal's own port (`/api/metrics`) only with METRICS_TOKEN as a
 * bearer token; on METRICS_PORT the token is asked for only when it is set.
 */
export async function answerMetrics(
  authorization: string | null | undefined,
  options: { requireToken: boolean },
): Promise<MetricsAnswer> {
  const token = process.env.METRICS_TOKEN?.trim();
  if (!token && options.requireToken) return { status: 404, body: "", headers: {} };
  if (token && !sameSecret(authorization ?? "", `Bearer ${token}`)) {
    return { status: 401, body: "", headers: { "WWW-Authenticate": "Bearer" } };
  }
  const { registry } = metrics();
  return {
    status: 200,
    body: await registry.metrics(),
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  };
}

/** A separate listener for scrapes (METRICS_PORT), kept off the public port. */
export function startMetricsServer(port: number, host = "0.0.0.0"): Server {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    answerMetrics(request.headers.authorization, { requireToken: false }).then(
      (answer) => response.writeHead(answer.status, answer.headers).end(answer.body),
      () => response.writeHead(500).end(),
    );
  });
  server.listen(port, host, () => logger().info({ port }, "metrics listening"));
  server.unref();
  return server;
}
