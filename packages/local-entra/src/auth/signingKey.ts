import { createHash, generateKeyPair, type KeyObject } from 'node:crypto';

/** The RSA key the local Entra signs tokens with, and its public half as a JWKS entry. */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Record<string, unknown>;
}

/**
 * A fresh key per start: tokens never outlive the process that issued them. Made on libuv's thread pool, so that
 * it overlaps with loading the snapshot.
 */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await new Promise<{ privateKey: KeyObject; publicKey: KeyObject }>((resolve, reject) =>
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ privateKey, publicKey }))),
  );
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha1').update(der).digest('base64url');
  const { n, e } = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { kid, privateKey, publicKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n, e } };
}
