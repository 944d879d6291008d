import type { FastifyReply, FastifyRequest } from "fastify";
import { type GraphError, graphErrorBody } from "../graph/graph-error";
import { contextOf } from "./request-context";

/** The content type Graph answers JSON with. */
export const GRAPH_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** Sends a Graph error with Graph's innerError (request ids, zone-less date). */
export function sendGraphError(request: FastifyRequest, reply: FastifyReply, failure: GraphError) {
  const context = contextOf(request);
  return reply
    .code(failure.status)
    .headers(failure.headers)
    .type(GRAPH_JSON)
    .send(graphErrorBody(failure, context.requestId, context.clientRequestId));
}
