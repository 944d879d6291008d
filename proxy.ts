import { NextResponse, type NextRequest } from "next/server";
import { getServerConfig } from "@/lib/config/server-config";
import {
  contentSecurityPolicy,
  identityOrigins,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/security/content-security-policy";

// Next.js' documented nonce pattern: a fresh nonce per request, handed to the renderer through the
// request's own CSP header (Next.js puts it on every script it emits) and sent to the browser.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https =
    request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = contentSecurityPolicy({
    nonce,
    identityOrigins: identityOrigins(getServerConfig()),
    framedBySelf: request.nextUrl.pathname === "/redirect",
    development: process.env.NODE_ENV !== "production",
    https,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: static files carry no script, the health endpoints answer JSON, and metrics
      // answer Prometheus' text (a scrape must not depend on the page's configuration or proxy).
      // Server-action calls are skipped too: only the browser's fetch sets `Next-Action` (a form
      // posted without JavaScript carries the action id in its body instead), and the answer is an
      // RSC payload, never HTML, so it has no script a policy could guard. Skipping it takes about
      // 6 ms off every action (bench:invite, docs/performance.md).
      source: "/((?!_next/static|_next/image|api/health|api/metrics|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
        { type: "header", key: "next-action" },
      ],
    },
  ],
};
