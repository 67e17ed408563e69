/**
 * The openssl command, with which the tests make the certificates of their TLS receivers, their
 * certificate authorities and the client certificates of mutual TLS.
 */
import { ensureDebianPackages } from './system-packages';
import { which } from './processes';

export async function ensureOpensslInstalled(): Promise<string> {
  await ensureDebianPackages(['openssl'], 'the TLS tests (certificates made on the fly)', () => which('openssl') !== undefined);
  return which('openssl')!;
}
