/**
 * Best-effort scheduling priority for the process that times MIDI. On a busy machine the OS may leave a
 * normal-priority process waiting for tens of milliseconds, which is audible; raised priority, where the
 * OS allows it, keeps delivery within a few milliseconds. Unprivileged users on Linux and macOS usually
 * may not raise it, and then nothing changes.
 */
import { readdirSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';

/** What {@link raisePriority} achieved. */
export interface PriorityResult {
  /** True when the priority was raised. */
  raised: boolean;
  /** The process's priority (nice value) afterwards. */
  priority: number;
}

/**
 * Asks for `PRIORITY_HIGH`, then `PRIORITY_ABOVE_NORMAL`. On Linux, where priority is per thread, every
 * thread of the process gets it (the JS thread waits on V8's garbage-collector helpers, so they matter
 * too). Never throws.
 */
export function raisePriority(): PriorityResult {
  const before = safeGet();
  for (const p of [constants.priority.PRIORITY_HIGH, constants.priority.PRIORITY_ABOVE_NORMAL]) {
    if (before <= p) return { raised: false, priority: before };
    try {
      setPriority(p);
    } catch {
      continue; // not allowed: try the next, smaller step
    }
    for (const tid of linuxThreads()) {
      try {
        setPriority(tid, p);
      } catch {
        // a thread that ended meanwhile
      }
    }
    return { raised: true, priority: safeGet() };
  }
  return { raised: false, priority: before };
}

function linuxThreads(): number[] {
  if (process.platform !== 'linux') return [];
  try {
    return readdirSync('/proc/self/task')
      .map(Number)
      .filter((tid) => tid > 0);
  } catch {
    return [];
  }
}

function safeGet(): number {
  try {
    return getPriority();
  } catch {
    return 0;
  }
}
