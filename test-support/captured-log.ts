// Test support: the process-wide logger writing into an array of parsed JSON lines.
import { Writable } from "node:stream";
import { createLogger, installLogger } from "@/lib/observability/logger";

export function captureLog(): { lines: Record<string, unknown>[]; text: () => string } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString("utf8"));
      done();
    },
  });
  installLogger(createLogger(stream));
  return {
    get lines() {
      return raw
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join(""),
  };
}
