export type FileEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type DecodedFile = { text: string; encoding: FileEncoding };

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Turns the bytes of a CSV file into text. UTF-8 (with or without a byte order mark) is the norm;
 * Excel's "Unicode text" is UTF-16 with a mark; anything that is not valid UTF-8 is read as
 * Windows-1252, what Excel writes for "CSV (comma delimited)" on Western European Windows, and the
 * caller tells the person so they can check accented letters.
 */
export function decodeFile(buffer: ArrayBuffer | Uint8Array): DecodedFile {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Decoded here rather than with TextDecoder,
// because Node's decoder treats the label as Latin-1 while browsers follow the Encoding standard.
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const characters: string[] = [];
  for (const byte of bytes) {
    characters.push(
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte),
    );
  }
  return characters.join("");
}
