import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";
import { captureLog } from "@/test-support/captured-log";

const saved = { ...process.env };

afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

function misconfigure(runtime: string, phase?: string) {
  process.env = { ...saved, NEXT_RUNTIME: runtime, ENTRA_TENANT_ID: "not-a-guid" };
  delete process.env.LOCAL_TENANT_URL;
  if (phase) process.env.NEXT_PHASE = phase;
  else delete process.env.NEXT_PHASE;
}

describe("instrumentation register()", () => {
  it("stops the Node.js server on misconfiguration, naming the variable", async () => {
    misconfigure("nodejs");
    const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const log = captureLog();
    await expect(register()).rejects.toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(log.text()).toMatch(/ENTRA_TENANT_ID is malformed/);
  });

  it.each([
    ["the edge runtime", "edge", undefined],
    ["a production build", "nodejs", "phase-production-build"],
  ])("checks nothing in %s", async (_case, runtime, phase) => {
    misconfigure(runtime, phase);
    const exit = vi
      .spyOn(process, "exit")
      .mockImplementation((() => undefined) as typeof process.exit);
    await register();
    expect(exit).not.toHaveBeenCalled();
  });
});
