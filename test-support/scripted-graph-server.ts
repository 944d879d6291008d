import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedAnswer = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (to exercise timeouts). */
  hang?: boolean;
};

export type ReceivedRequest = {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
};

/** Answers requests outside Graph (e.g. a token endpoint); undefined passes the request on to the script. */
export type SideRoute = (request: ReceivedRequest) => ScriptedAnswer | undefined;

/**
 * A scripted stand-in for Graph, for tests of retries and error mapping; answers are consumed in order
 * and `received` lists the requests they answered.
 */
export async function startScriptedGraph(sideRoute?: SideRoute) {
  const answers: ScriptedAnswer[] = [];
  const received: ReceivedRequest[] = [];
  let fallback: ScriptedAnswer = { status: 200, body: {} };
  const server = createServer(async (request, response) => {
    let body = "";
    for await (const chunk of request) body += chunk;
    const entry = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body,
    };
    const side = sideRoute?.(entry);
    if (!side) received.push(entry);
    const answer = side ?? answers.shift() ?? fallback;
    if (answer.hang) return;
    response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  });
  // Longer than any pause in a test: a client reusing a socket the server just closed fails at random.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer(...next: ScriptedAnswer[]) {
      answers.push(...next);
    },
    always(answer: ScriptedAnswer) {
      fallback = answer;
    },
    reset() {
      answers.length = 0;
      received.length = 0;
      fallback = { status: 200, body: {} };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function graphError(code: string, message: string, requestId = "req-1") {
  return {
    error: { code, message, innerError: { date: "2023-07-14T08:43:39", "request-id": requestId } },
  };
}
