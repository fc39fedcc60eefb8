/**
 * Opaque `$skiptoken`s: base64url of a position, a fingerprint of the query it was issued for, and a MAC.
 * A token replayed with another $filter/$orderby/$top (or on another collection) or edited by hand is
 * refused, as Graph refuses tokens that do not belong to the request.
 */
import { createHash, createHmac } from 'node:crypto';
import { isSystemQueryOption } from './queryOptions';

/**
 * A fixed key keeps tokens valid across emulator restarts; the MAC only detects edits, it protects nothing
 * secret, so the key need not be private.
 */
const TOKEN_KEY = 'entra-assistant/local-entra/skiptoken/v1';

/** A fingerprint of everything that decides the result sequence: the collection URL and the OData options. */
export function queryFingerprint(requestUrl: string, params: URLSearchParams): string {
  let path = requestUrl;
  try {
    path = new URL(requestUrl).pathname;
  } catch {
    // a relative requestUrl is already a path
  }
  const options = [...params]
    .filter(([key]) => isSystemQueryOption(key))
    .map(([key, value]) => [key.replace(/^\$/, '').toLowerCase(), value] as const)
    .filter(([key]) => key !== 'skiptoken')
    .sort(([a, valueA], [b, valueB]) => (a === b ? valueA.localeCompare(valueB) : a.localeCompare(b)));
  const canonical = JSON.stringify([path.toLowerCase(), options]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

function mac(payload: string): string {
  return createHmac('sha256', TOKEN_KEY).update(payload).digest('hex').slice(0, 16);
}

export function encodeSkipToken(position: number, fingerprint: string): string {
  const payload = `${position}.${fingerprint}`;
  return Buffer.from(`${payload}.${mac(payload)}`, 'utf8').toString('base64url');
}

/** The position a token resumes from, or undefined when the token is malformed, edited, or for another query. */
export function decodeSkipToken(token: string, fingerprint: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const parts = Buffer.from(token, 'base64url').toString('utf8').split('.');
  if (parts.length !== 3) return undefined;
  const [position, tokenFingerprint, tokenMac] = parts;
  if (!/^\d{1,12}$/.test(position) || tokenFingerprint !== fingerprint) return undefined;
  if (mac(`${position}.${tokenFingerprint}`) !== tokenMac) return undefined;
  return Number(position);
}
