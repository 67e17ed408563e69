/**
 * Chromium for the browser tests: Debian's `chromium` package, installed with apt like
 * PostgreSQL, and driven by playwright-core (which never downloads a browser of its own).
 * SWITCHYARD_CHROMIUM points at another build instead.
 */
import type { Config } from '../config';
import { isExecutable } from './processes';
import { ensureDebianPackages } from './system-packages';

/** Where Debian's `chromium` package puts its launcher. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to launch: SWITCHYARD_CHROMIUM when set, else Debian's. */
export function chromiumPath(config: Pick<Config, 'chromium'>): string {
  return config.chromium ?? DEBIAN_CHROMIUM;
}

/** Installs Debian's `chromium` when it is missing; a SWITCHYARD_CHROMIUM of the operator's is only checked. */
export async function ensureChromiumInstalled(config: Pick<Config, 'chromium'>): Promise<string> {
  if (config.chromium) {
    if (!isExecutable(config.chromium)) throw new Error(`SWITCHYARD_CHROMIUM=${config.chromium} is not an executable file`);
    return config.chromium;
  }
  await ensureDebianPackages(['chromium'], "the browser tests' Chromium", () => isExecutable(DEBIAN_CHROMIUM));
  return DEBIAN_CHROMIUM;
}
