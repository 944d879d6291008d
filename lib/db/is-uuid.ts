const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from the browser; PostgreSQL rejects a malformed uuid with an error, so look first. */
export const isUuid = (id: string): boolean => UUID.test(id);
