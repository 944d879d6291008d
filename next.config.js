// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    // Messages are compiled at build time, so the browser gets no ICU message parser.
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a test run and a developer's build sit side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The deployable server: `<distDir>/standalone` holds server.js and only the files it needs
  // (scripts/start.mjs runs it; the Dockerfile ships it).
  output: "standalone",
  // The SQL migrations are read at run time (lib/db/migrations-folder.ts), so the tracer cannot see them.
  outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**"] },
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // and pg has optional native bindings: both must stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@azure/msal-node"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      {
        // MSAL v5's redirect bridge must not be cached and must not set COOP.
        source: "/redirect",
        headers: [{ key: "Cache-Control", value: "no-store" }],
      },
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          // The portal uses none of these; the clipboard (Copy link) stays allowed to itself.
          {
            key: "Permissions-Policy",
            value:
              "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), browsing-topics=(), clipboard-write=(self)",
          },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
