/**
 * `status`, `hang` and `drop` act before the tenant looks at the request, so the work is never done.
 * The `act-then-*` kinds let the request be fully processed (invitation created, e-mail counted) and
 * then lose the answer: an error status instead of it, a dropped connection, or a late answer.
 */
export type FaultKind =
  "status" | "hang" | "drop" | "act-then-status" | "act-then-drop" | "act-then-delay";

export const FAULT_KINDS: readonly FaultKind[] = [
  "status",
  "hang",
  "drop",
  "act-then-status",
  "act-then-drop",
  "act-then-delay",
];

/** Kinds that let the request do its work before the answer is lost. */
export const isActThenFault = (kind: FaultKind) => kind.startsWith("act-then-");

export type FaultRule = {
  id: number;
  /** Path prefix the fault applies to, e.g. `/v1.0/invitations` (query string ignored). */
  path: string;
  /** Only this method, when given. */
  method?: string;
  /** How many more matching requests it affects. */
  remaining: number;
  kind: FaultKind;
  /** For `status` and `act-then-status`: 429, 500, 503, 504… */
  status?: number;
  /** For a 429 or 503: the Retry-After header in seconds; null omits it. */
  retryAfterSeconds?: number | null;
  /**
   * For `hang`: the delay before the request proceeds normally; for `act-then-delay`, how long the
   * processed answer is held back; for `status` and `act-then-status`, a delay before the error.
   */
  delayMs?: number;
};

export type FaultSpec = Omit<FaultRule, "id" | "remaining"> & { count?: number };

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(spec: FaultSpec): FaultRule {
    const { count, ...rest } = spec;
    const rule: FaultRule = { ...rest, id: this.nextId++, remaining: count ?? 1 };
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule matching the request, consumed by one use. */
  take(method: string, path: string): FaultRule | undefined {
    const rule = this.rules.find(
      (candidate) =>
        path.startsWith(candidate.path) &&
        (!candidate.method || candidate.method.toUpperCase() === method.toUpperCase()),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return { ...rule };
  }
}
