// Characters Entra rejects in an invited address (docs/graph-behaviour.md#email-address-rules); whitespace is never valid either.
const FORBIDDEN_IN_LOCAL_PART = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,\s]/;
const DOMAIN = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Whether Entra accepts `address` as an invited user's e-mail address. */
export function isInvitableAddress(address: string): boolean {
  const at = address.indexOf("@");
  if (at <= 0 || at !== address.lastIndexOf("@")) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || FORBIDDEN_IN_LOCAL_PART.test(local)) return false;
  // A period or hyphen may not start or end the local part; an underscore may be anywhere.
  if (/^[.-]|[.-]$/.test(local) || local.includes("..")) return false;
  return DOMAIN.test(domain);
}

export function domainOf(address: string): string {
  return address.slice(address.indexOf("@") + 1).toLowerCase();
}

/** A BCP 47 language tag such as `en-US`, `es`, `zh-Hant-TW`. */
export function isLanguageTag(value: string): boolean {
  return /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*$/.test(
    value,
  );
}
