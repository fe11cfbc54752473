/**
 * Best-effort scheduling priority for the process that times MIDI. On a busy machine the OS may leave a
 * normal-priority process waiting for tens of milliseconds, which is audible; raised priority, where the
 * OS allows it, keeps delivery within a few milliseconds. Unprivileged users on Linux and macOS usually
 * may not raise it, and then nothing changes.
 */
import { readdirSync, readlinkSync } from 'node:fs';
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

/** The calling thread's id on Linux (where scheduling priority is per thread), else `undefined`. */
export function linuxThreadId(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lowers the calling thread's priority by `steps` nice steps (Linux only: elsewhere priority is per
 * process and this does nothing). Any user may lower a priority, so the bridge runs its socket thread
 * below its MIDI thread everywhere on Linux: a flood of socket work then yields to the notes. Never throws.
 * @returns the thread's nice value afterwards, or `undefined` when nothing changed
 */
export function lowerThisThread(steps = 10): number | undefined {
  const tid = linuxThreadId();
  if (tid === undefined) return undefined;
  try {
    setPriority(tid, Math.min(19, getPriority(tid) + steps));
    return getPriority(tid);
  } catch {
    return undefined;
  }
}

/** Asks for a higher priority for the calling thread only (Linux; see {@link raisePriority}). Never throws. */
export function raiseThisThread(): PriorityResult {
  const tid = linuxThreadId();
  if (tid === undefined) return { raised: false, priority: safeGet() };
  const before = getPriority(tid);
  for (const p of [constants.priority.PRIORITY_HIGH, constants.priority.PRIORITY_ABOVE_NORMAL]) {
    if (before <= p) return { raised: false, priority: before };
    try {
      setPriority(tid, p);
      return { raised: true, priority: getPriority(tid) };
    } catch {
      // not allowed: try the next, smaller step
    }
  }
  return { raised: false, priority: before };
}
