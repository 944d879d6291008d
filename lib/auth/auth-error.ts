export type AuthErrorCode =
  "unauthenticated" | "session_expired" | "forbidden" | "graph_unreachable";

/** An expected authentication or authorization failure; the action wrapper turns it into a result. */
export class AuthError extends Error {
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string = code, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AuthError";
    this.code = code;
  }
}
