/** The first message among a list field's item errors ("groups.0.id"), shown on the field as a whole. */
export function firstItemError(error: unknown): string | undefined {
  if (!Array.isArray(error)) return undefined;
  for (const item of error) {
    const message = (item as { id?: { message?: string } } | undefined)?.id?.message;
    if (message) return message;
  }
  return undefined;
}
