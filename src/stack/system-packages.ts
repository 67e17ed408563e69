/**
 * Installing what a fresh Debian machine lacks (PostgreSQL, a JRE, Maven, Chromium) through apt.
 * Only root can do that; anyone else gets told which package to install.
 */
import { log } from '../log';
import { run } from './processes';

let aptUpdated = false;
/** The install in progress: apt and dpkg hold locks, so a second apt-get beside it would fail. */
let aptTurn: Promise<unknown> = Promise.resolve();

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs Debian packages unless `present()` already says they are there.
 * `purpose` names what needs them, for the error a non-root user sees. Callers may ask at once
 * (`setup` does): each waits for the install before it, then looks again.
 */
export function ensureDebianPackages(packages: string[], purpose: string, present: () => boolean): Promise<void> {
  const turn = aptTurn.then(() => installUnlessPresent(packages, purpose, present));
  aptTurn = turn.catch(() => undefined);
  return turn;
}

async function installUnlessPresent(packages: string[], purpose: string, present: () => boolean): Promise<void> {
  if (present()) return;
  if (!isRoot()) {
    throw new Error(`${purpose} needs ${packages.join(', ')}: install with \`sudo apt-get install -y ${packages.join(' ')}\`, then run again`);
  }
  log.info(`installing ${packages.join(', ')} with apt-get (${purpose})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    await run('apt-get', ['update', '-q'], { env });
    aptUpdated = true;
  }
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { env });
  if (!present()) throw new Error(`apt-get installed ${packages.join(', ')} but ${purpose} still cannot find them`);
}
