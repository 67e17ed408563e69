/**
 * CPU time by process, read from /proc: what each part of the stack spent on a scenario's
 * deliveries. Throughput on a small machine is CPU per delivery, so every load scenario reports it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * User + system CPU of one process so far, in ms (0 once it is gone), with that of its children
 * that have exited and been waited for: PostgreSQL's backends come and go, and their time then
 * lands in the postmaster's.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces, hence the last ')'), from the
    // 3rd on: utime, stime, cutime and cstime are the 14th to 17th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every process whose command name is `name` (PostgreSQL runs one process per connection). */
export function pidsNamed(name: string): number[] {
  return fs.readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

export type CpuSnapshot = Record<string, number>;

/** CPU ms so far of each group of processes. */
export function cpuSnapshot(groups: Record<string, number[]>): CpuSnapshot {
  return Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids.reduce((sum, pid) => sum + processCpuMs(pid), 0)]));
}

/**
 * CPU ms per delivery by group between two snapshots, and the total. A process that exits
 * between them takes its time along, unless its parent is in the group (as PostgreSQL's is).
 */
export function cpuPerDelivery(before: CpuSnapshot, after: CpuSnapshot, deliveries: number): CpuSnapshot {
  const per = Object.fromEntries(Object.keys(after).map((name) => [name, (after[name]! - (before[name] ?? 0)) / deliveries]));
  return { ...per, total: Object.values(per).reduce((sum, ms) => sum + ms, 0) };
}
