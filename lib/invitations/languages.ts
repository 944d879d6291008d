/**
 * Languages for the invitation e-mail. Microsoft publishes no list of the languages Graph accepts in
 * `messageLanguage` (docs/graph-behaviour.md#invitation-message), so this is the set Microsoft 365 commonly ships, by BCP 47 tag.
 */
export type InvitationLanguage = {
  tag: string;
  nativeName: string;
  englishName: string;
};

export const DEFAULT_MESSAGE_LANGUAGE = "en-US";

export const invitationLanguages: readonly InvitationLanguage[] = [
  { tag: "ar-SA", nativeName: "العربية", englishName: "Arabic" },
  { tag: "bg-BG", nativeName: "Български", englishName: "Bulgarian" },
  { tag: "ca-ES", nativeName: "Català", englishName: "Catalan" },
  { tag: "cs-CZ", nativeName: "Čeština", englishName: "Czech" },
  { tag: "da-DK", nativeName: "Dansk", englishName: "Danish" },
  { tag: "de-DE", nativeName: "Deutsch", englishName: "German" },
  { tag: "el-GR", nativeName: "Ελληνικά", englishName: "Greek" },
  { tag: "en-US", nativeName: "English (United States)", englishName: "English (United States)" },
  { tag: "en-GB", nativeName: "English (United Kingdom)", englishName: "English (United Kingdom)" },
  { tag: "es-ES", nativeName: "Español (España)", englishName: "Spanish (Spain)" },
  { tag: "es-MX", nativeName: "Español (México)", englishName: "Spanish (Mexico)" },
  { tag: "et-EE", nativeName: "Eesti", englishName: "Estonian" },
  { tag: "eu-ES", nativeName: "Euskara", englishName: "Basque" },
  { tag: "fi-FI", nativeName: "Suomi", englishName: "Finnish" },
  { tag: "fr-FR", nativeName: "Français (France)", englishName: "French (France)" },
  { tag: "fr-CA", nativeName: "Français (Canada)", englishName: "French (Canada)" },
  { tag: "gl-ES", nativeName: "Galego", englishName: "Galician" },
  { tag: "he-IL", nativeName: "עברית", englishName: "Hebrew" },
  { tag: "hi-IN", nativeName: "हिन्दी", englishName: "Hindi" },
  { tag: "hr-HR", nativeName: "Hrvatski", englishName: "Croatian" },
  { tag: "hu-HU", nativeName: "Magyar", englishName: "Hungarian" },
  { tag: "id-ID", nativeName: "Bahasa Indonesia", englishName: "Indonesian" },
  { tag: "it-IT", nativeName: "Italiano", englishName: "Italian" },
  { tag: "ja-JP", nativeName: "日本語", englishName: "Japanese" },
  { tag: "kk-KZ", nativeName: "Қазақ тілі", englishName: "Kazakh" },
  { tag: "ko-KR", nativeName: "한국어", englishName: "Korean" },
  { tag: "lt-LT", nativeName: "Lietuvių", englishName: "Lithuanian" },
  { tag: "lv-LV", nativeName: "Latviešu", englishName: "Latvian" },
  { tag: "ms-MY", nativeName: "Bahasa Melayu", englishName: "Malay" },
  { tag: "nb-NO", nativeName: "Norsk bokmål", englishName: "Norwegian Bokmål" },
  { tag: "nl-NL", nativeName: "Nederlands", englishName: "Dutch" },
  { tag: "pl-PL", nativeName: "Polski", englishName: "Polish" },
  { tag: "pt-BR", nativeName: "Português (Brasil)", englishName: "Portuguese (Brazil)" },
  { tag: "pt-PT", nativeName: "Português (Portugal)", englishName: "Portuguese (Portugal)" },
  { tag: "ro-RO", nativeName: "Română", englishName: "Romanian" },
  { tag: "ru-RU", nativeName: "Русский", englishName: "Russian" },
  { tag: "sk-SK", nativeName: "Slovenčina", englishName: "Slovak" },
  { tag: "sl-SI", nativeName: "Slovenščina", englishName: "Slovenian" },
  { tag: "sr-Latn-RS", nativeName: "Srpski (latinica)", englishName: "Serbian (Latin)" },
  { tag: "sv-SE", nativeName: "Svenska", englishName: "Swedish" },
  { tag: "th-TH", nativeName: "ไทย", englishName: "Thai" },
  { tag: "tr-TR", nativeName: "Türkçe", englishName: "Turkish" },
  { tag: "uk-UA", nativeName: "Українська", englishName: "Ukrainian" },
  { tag: "vi-VN", nativeName: "Tiếng Việt", englishName: "Vietnamese" },
  { tag: "zh-CN", nativeName: "中文（简体）", englishName: "Chinese (Simplified)" },
  { tag: "zh-TW", nativeName: "中文（繁體）", englishName: "Chinese (Traditional)" },
];

const byTag = new Map(
  invitationLanguages.map((language) => [language.tag.toLowerCase(), language]),
);

/** BCP 47 tags compare case-insensitively. */
export function findInvitationLanguage(tag: string): InvitationLanguage | undefined {
  return byTag.get(tag.trim().toLowerCase());
}

export function isSupportedLanguageTag(tag: string): boolean {
  return findInvitationLanguage(tag) !== undefined;
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Matches native name, English name or tag, ignoring case and accents ("espanol" finds "Español"). */
export function searchInvitationLanguages(query: string): InvitationLanguage[] {
  const needle = fold(query.trim());
  if (needle === "") return [...invitationLanguages];
  return invitationLanguages.filter((language) =>
    [language.nativeName, language.englishName, language.tag].some((text) =>
      fold(text).includes(needle),
    ),
  );
}
