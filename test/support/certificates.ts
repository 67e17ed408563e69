/**
 * Certificates made on the fly with openssl, for the TLS tests: a certificate authority, server
 * certificates for loopback receivers (by name; expired ones end the day before they begin), and
 * client certificates for mutual TLS. Each comes back as PEM text; nothing is kept beyond a
 * temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureOpensslInstalled } from '../../src/stack/openssl';
import { isPortOpen, readyOrStopped, run, startService } from '../../src/stack/processes';

export interface Pem {
  cert: string;
  key: string;
}

export interface CertificateAuthority extends Pem {
  /** A certificate signed by this authority, for a server (by its names) or a client. */
  issue(subject: { commonName: string; dnsNames?: string[]; client?: boolean; expired?: boolean }): Promise<Pem>;
}

export async function newCertificateAuthority(name: string): Promise<CertificateAuthority> {
  const openssl = await ensureOpensslInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-ca-'));
  const file = (base: string) => path.join(dir, base);
  await run(openssl, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', `/CN=${name}`]);
  let serial = 0;
  const read = (base: string) => fs.readFileSync(file(base), 'utf8');
  return {
    cert: read('ca.crt'),
    key: read('ca.key'),
    async issue({ commonName, dnsNames = [], client = false, expired = false }) {
      const base = `leaf-${++serial}`;
      await run(openssl, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file(`${base}.key`), '-out', file(`${base}.csr`), '-subj', `/CN=${commonName}`]);
      const extensions = [
        client ? 'extendedKeyUsage=clientAuth' : 'extendedKeyUsage=serverAuth',
        ...(dnsNames.length > 0 ? [`subjectAltName=${dnsNames.map((dns) => `DNS:${dns}`).join(',')}`] : []),
      ];
      fs.writeFileSync(file(`${base}.ext`), `${extensions.join('\n')}\n`);
      await run(openssl, ['x509', '-req', '-in', file(`${base}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-set_serial', String(1000 + serial), '-extfile', file(`${base}.ext`), '-out', file(`${base}.crt`), '-days', expired ? '-1' : '2']);
      return { cert: read(`${base}.crt`), key: read(`${base}.key`) };
    },
  };
}

/**
 * OpenSSL's own test server, demanding a client certificate from `clientCa` and refusing the
 * handshake (with a TLS alert, as OpenSSL-based receivers such as nginx do) when there is none or
 * it is not vouched for. It answers no POST: it is for the refusals only.
 */
export async function startOpensslServer(identity: Pem, clientCa: Pem, port: number): Promise<{ stop(): Promise<void> }> {
  const openssl = await ensureOpensslInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-s-server-'));
  const file = (base: string, text: string) => (fs.writeFileSync(path.join(dir, base), text), path.join(dir, base));
  const args = ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', file('server.crt', identity.cert), '-key', file('server.key', identity.key)];
  const service = startService('openssl-s-server', openssl, [...args, '-CAfile', file('client-ca.crt', clientCa.cert), '-Verify', '1', '-verify_return_error', '-www'], {
    logFile: path.join(dir, 's_server.log'),
  });
  await readyOrStopped(service, 'openssl s_server', () => isPortOpen('127.0.0.1', port), 15_000);
  return { stop: () => service.stop(2_000) };
}
