/** A process and the processes it forked, for tests that signal them all. */
import { execFileSync } from 'node:child_process';

/** The process and its descendants, deepest first (PostgreSQL's backends leave its process group). */
export function processTree(pid: number): number[] {
  return [...childrenOf(pid).flatMap(processTree), pid];
}

/** `ps --ppid` exits 1 when there are none. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
