/**
 * CPU time and peak memory of a process, all threads included (Linux: /proc). The language server
 * lints in worker threads, so its own figures cover the lints too.
 */
import * as fs from 'node:fs';

export const HAS_PROC = fs.existsSync('/proc/self/status');

/** Peak resident memory (VmHWM) in MB. */
export function peakMemoryMb(pid: number): number {
  const match = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** User + system CPU time in ms, in steps of one clock tick (10 ms). */
export function cpuTimeMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
