/**
 * Java services for local development and tests fetched from Maven Central, the only place this
 * project may download them from: a pom names the service's artifact and version, and
 * `mvn dependency:copy-dependencies` puts its jars in the tools folder. Nothing is built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { log } from '../log';
import { run, which } from './processes';
import { ensureDebianPackages } from './system-packages';

/** A version the pom writes down once, as `<name.version>`. */
export function pomVersion(pomFile: string, name: string): string {
  const match = new RegExp(`<${name}\\.version>([^<]+)</${name}\\.version>`).exec(fs.readFileSync(pomFile, 'utf8'));
  if (!match) throw new Error(`no <${name}.version> in ${pomFile}`);
  return match[1]!;
}

/** Puts the pom's jars in `<tools>/<name>-<version>/libs` (Maven's ~/.m2 caches the downloads); returns that folder. */
export async function ensureMavenJars(toolsDir: string, pomFile: string, name: string, what: string): Promise<string> {
  const version = pomVersion(pomFile, name);
  const libs = path.join(toolsDir, `${name}-${version}`, 'libs');
  const complete = path.join(libs, '.complete');
  if (fs.existsSync(complete)) return libs;
  await ensureDebianPackages(['default-jre-headless', 'maven'], what, () => !!which('java') && !!which('mvn'));
  log.info(`fetching ${name} ${version} from Maven Central`);
  fs.rmSync(libs, { recursive: true, force: true });
  await run('mvn', ['-q', '-B', '-f', pomFile, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`, '-DincludeScope=runtime']);
  fs.writeFileSync(complete, `${new Date().toISOString()}\n`);
  return libs;
}
