/**
 * A forward proxy for the tests of the egress proxy (SWITCHYARD_EGRESS_PROXY): Debian's tinyproxy,
 * in the foreground, on loopback, asking for Basic credentials. Its outgoing connections leave
 * from an address of their own (`outgoingAddress`, another loopback address), so a receiver can
 * tell a request that came through the proxy from one that did not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureDebianPackages } from './system-packages';
import { isPortOpen, readyOrStopped, startService, which, type Service } from './processes';

export async function ensureTinyproxyInstalled(): Promise<string> {
  await ensureDebianPackages(['tinyproxy'], 'the egress proxy tests (a forward proxy on loopback)', () => which('tinyproxy') !== undefined);
  return which('tinyproxy')!;
}

export interface LocalProxyOptions {
  dataDir: string;
  port: number;
  /** The loopback address the proxy connects to destinations from, e.g. 127.0.0.2. */
  outgoingAddress: string;
  user: string;
  password: string;
}

/**
 * tinyproxy's configuration. No `ConnectPort` line: CONNECT may reach any port (receivers in
 * tests listen on ephemeral ones). Info level logs every CONNECT with its target.
 */
export function tinyproxyConfig(options: LocalProxyOptions & { logFile: string }): string {
  return [
    `Port ${options.port}`,
    'Listen 127.0.0.1',
    `Bind ${options.outgoingAddress}`,
    'Allow 127.0.0.1',
    `BasicAuth ${options.user} ${options.password}`,
    'Timeout 60',
    'MaxClients 200',
    'DisableViaHeader Yes',
    `LogFile "${options.logFile}"`,
    'LogLevel Info',
    '',
  ].join('\n');
}

export interface LocalProxy extends Service {
  /** With the credentials, as SWITCHYARD_EGRESS_PROXY takes it. */
  url: string;
  /** tinyproxy's own log: a line per CONNECT, naming its target. */
  accessLog: string;
}

export async function startLocalProxy(options: LocalProxyOptions): Promise<LocalProxy> {
  const binary = await ensureTinyproxyInstalled();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'tinyproxy.log');
  const configFile = path.join(options.dataDir, 'tinyproxy.conf');
  fs.writeFileSync(configFile, tinyproxyConfig({ ...options, logFile }));
  const service = startService('tinyproxy', binary, ['-d', '-c', configFile], { logFile: path.join(options.dataDir, 'tinyproxy.out') });
  await readyOrStopped(service, 'tinyproxy', () => isPortOpen('127.0.0.1', options.port), 15_000);
  return { ...service, url: `http://${options.user}:${options.password}@127.0.0.1:${options.port}`, accessLog: logFile };
}
