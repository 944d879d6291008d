export type FaultKind = "status" | "hang" | "drop";

export type FaultRule = {
  id: number;
  /** Path prefix the fault applies to, e.g. `/v1.0/invitations` (query string ignored). */
  path: string;
  /** Only this method, when given. */
  method?: string;
  /** How many more matching requests it affects. */
  remaining: number;
  kind: FaultKind;
  /** For `status`: 429, 500, 503… */
  status?: number;
  /** For a 429 or 503: the Retry-After header in seconds; null omits it. */
  retryAfterSeconds?: number | null;
  /** For `hang`: the delay before the request proceeds normally; for `status`, a delay before the answer. */
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
