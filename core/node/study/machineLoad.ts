import { availableParallelism, loadavg } from 'node:os';

/** Load per core above which single-thread timings are not worth comparing with an idle run's. */
const BUSY_LOAD_PER_CORE = 0.5;

/**
 * One line saying the machine is busy, from the 1-minute load average, or null when it is not (or the
 * platform has no load average: Windows reports zeros). Checked before a study's own threads start,
 * so the load is other processes'.
 */
export function busyMachineWarning(
  load: number = loadavg()[0] ?? 0,
  cores: number = availableParallelism(),
): string | null {
  if (!(load > BUSY_LOAD_PER_CORE * cores)) return null;
  return (
    `the machine is busy (load ${load.toFixed(1)} on ${cores} core${cores === 1 ? '' : 's'}): ` +
    'q/s will be lower and noisier than on an idle machine; compare rows of one run, or rerun when idle'
  );
}
