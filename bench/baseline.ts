/**
 * `--baseline REF`: the gateway as it was at another revision, measured in the same run as this
 * one. A change to the gateway's code has no switch to turn it off, so "before" is the gateway
 * of that revision, in a git worktree of its own beside this checkout, sharing this checkout's
 * node_modules (so its lockfile must be this one's). Everything else (Temporal, PostgreSQL and its schema, the receivers, the load)
 * is this checkout's, so the baseline's schema must be this one's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../src/config';
import { setupNamed, type Setup } from './setups';

const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();

/** A worktree of `ref` (made once per commit, under .switchyard/), and the setup that runs its gateway. */
export function baselineSetup(ref: string): Setup {
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const dir = path.join(repoRoot, '.switchyard', 'bench-baseline', commit.slice(0, 12));
  if (!fs.existsSync(path.join(dir, 'src', 'cli.ts'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    git('worktree', 'prune');
    git('worktree', 'add', '--detach', dir, commit);
  }
  // Shared node_modules: the launcher would reinstall into them for another lockfile.
  if (!fs.readFileSync(path.join(dir, 'package-lock.json')).equals(fs.readFileSync(path.join(repoRoot, 'package-lock.json')))) {
    throw new Error(`--baseline ${ref}: its package-lock.json differs from this checkout's, and the baseline shares this node_modules`);
  }
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(path.join(repoRoot, 'node_modules'), modules, 'dir');
  return { ...setupNamed('default'), name: 'baseline', checkout: dir, what: `default, with the gateway as of commit ${commit.slice(0, 7)}` };
}
