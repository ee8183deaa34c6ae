/**
 * Crash durability at bench scale (issue 10, point 1): the same run as the test
 * (test/durability/crash-run.ts) with 200 SIGKILLs instead of 50, reported as its own table
 * since its figures are counts, not latencies.
 */
import { join } from 'node:path';
import type { Core } from '../../electron/core/index';
import { bundleWriter, type CrashDurabilityReport, runCrashDurability } from '../durability/crash-run';

export const BENCH_KILLS = 200;

export async function benchDurability(
  root: string,
  openCore: (dataDir: string) => Core,
): Promise<CrashDurabilityReport> {
  await bundleWriter();
  return runCrashDurability({ dataDir: join(root, 'durability'), kills: BENCH_KILLS, openCore });
}

/** The durability table: goal 0 lost, 0 stale and integrity_check ok; never judged on time. */
export function printDurability(report: CrashDurabilityReport): void {
  const rows: [string, string, string, string][] = [
    ['SIGKILLs mid-write', String(report.kills), '', ''],
    ['acknowledged writes', String(report.acknowledged.length), `> ${report.kills}`, ''],
    ['lost (acknowledged, not stored)', String(report.lost.length), '0', ''],
    ['stale (current answer older than last ack)', String(report.stale.length), '0', ''],
    ['PRAGMA integrity_check', report.integrity, 'ok', ''],
    ['time taken', `${report.seconds.toFixed(1)} s`, '', ''],
  ];
  const judged = (value: string, goal: string) => {
    if (goal === '') return '';
    if (goal.startsWith('> ')) return Number(value) > Number(goal.slice(2)) ? 'meets goal' : 'misses goal';
    return value === goal ? 'meets goal' : 'misses goal';
  };
  const header: [string, string, string, string] = ['Crash durability', 'Figure', 'Goal', 'Status'];
  const body = rows.map(([measure, value, goal]) => [measure, value, goal, judged(value, goal)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
}
