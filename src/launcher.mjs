#!/usr/bin/env node
// The `switchyard` executable. It must run on a fresh clone, before any dependency is installed,
// so it uses nothing but Node itself: it runs `npm ci` when node_modules does not match
// package-lock.json, then loads the TypeScript CLI through tsx.
//
//   node src/launcher.mjs <command> [options]      the CLI (src/cli.ts)
//   node src/launcher.mjs --run <file.ts> [args]   another TypeScript entry (the test runner)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 3)) {
  process.stderr.write(`switchyard needs Node.js 20.3 or newer; this is ${process.version}\n`);
  process.exit(1);
}

// The lockfile's digest is recorded after a successful install, so a changed lockfile
// (a pull that added a dependency) installs again, and an unchanged one costs one hash.
const lockfile = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.switchyard-lock-digest');
const digest = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== digest) {
  process.stderr.write('switchyard: installing npm dependencies (npm ci)\n');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    process.stderr.write('switchyard: `npm ci` failed; see above\n');
    process.exit(npm.status ?? 1);
  }
  writeFileSync(stamp, `${digest}\n`);
}

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const args = process.argv.slice(2);
if (args[0] === '--run') {
  process.argv = [process.argv[0], path.resolve(args[1]), ...args.slice(2)];
  require(path.resolve(args[1]));
} else {
  require(path.join(root, 'src', 'cli.ts'));
}
