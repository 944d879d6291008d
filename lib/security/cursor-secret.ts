import "server-only";
import { getServerConfig } from "@/lib/config/server-config";

/** The key every page cursor (pending list, history) is signed with: CURSOR_SIGNING_KEY, through HKDF. */
export function cursorSigningSecret(): string {
  return getServerConfig().cursorSigningKey;
}
