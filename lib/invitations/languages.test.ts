import { describe, expect, it } from "vitest";
import {
  findInvitationLanguage,
  invitationLanguages,
  isSupportedLanguageTag,
  searchInvitationLanguages,
} from "./languages";

describe("invitation languages", () => {
  it("lists about forty languages with unique, well-formed BCP 47 tags", () => {
    expect(invitationLanguages.length).toBeGreaterThanOrEqual(40);
    const tags = invitationLanguages.map((language) => language.tag);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(Intl.getCanonicalLocales(tag)[0]).toBe(tag);
  });

  it("includes Graph's default, en-US", () => {
    expect(findInvitationLanguage("en-US")?.nativeName).toBe("English (United States)");
  });

  it("finds tags case-insensitively", () => {
    expect(isSupportedLanguageTag("PT-br")).toBe(true);
    expect(isSupportedLanguageTag("tlh")).toBe(false);
  });

  it("searches native and English names, ignoring accents", () => {
    expect(searchInvitationLanguages("espanol").map((language) => language.tag)).toEqual([
      "es-ES",
      "es-MX",
    ]);
    expect(searchInvitationLanguages("german").map((language) => language.tag)).toEqual(["de-DE"]);
    expect(searchInvitationLanguages("日本").map((language) => language.tag)).toEqual(["ja-JP"]);
    expect(searchInvitationLanguages("")).toHaveLength(invitationLanguages.length);
  });
});
