import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage } from "./negotiate-locale";

describe("parseAcceptLanguage", () => {
  it("orders ranges by quality, keeping header order for ties", () => {
    expect(parseAcceptLanguage("fr;q=0.4, es-MX, en;q=0.8, de")).toEqual([
      "es-mx",
      "de",
      "en",
      "fr",
    ]);
  });

  it("drops wildcards, q=0 and garbage", () => {
    expect(parseAcceptLanguage("*, en;q=0, es;q=abc, ,pt")).toEqual(["pt"]);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });
});

describe("negotiateLocale", () => {
  it("prefers the cookie the language switcher set", () => {
    expect(negotiateLocale("es", "en-US,en")).toBe("es");
  });

  it("ignores an unsupported cookie and follows the browser", () => {
    expect(negotiateLocale("fr", "es-AR,es;q=0.9")).toBe("es");
  });

  it("takes the first supported language by quality", () => {
    expect(negotiateLocale(undefined, "de-DE,es;q=0.5,en;q=0.7")).toBe("en");
  });

  it("narrows a regional range to its language and skips ranges that are not language tags", () => {
    expect(negotiateLocale(undefined, "es-419")).toBe("es");
    expect(negotiateLocale(undefined, "en_GB, es;q=0.5")).toBe("es");
  });

  it("falls back to English", () => {
    expect(negotiateLocale(undefined, "de-DE,fr")).toBe("en");
    expect(negotiateLocale(undefined, null)).toBe("en");
  });
});
