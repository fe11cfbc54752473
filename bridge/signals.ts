/**
 * The signals that end `bridge` and `play`, so that every one of them stops the music with a panic
 * (note-off for every sounding note, All Notes Off) instead of leaving notes hanging: Ctrl-C (SIGINT),
 * `kill` (SIGTERM), a closed terminal (SIGHUP) and, on Windows, a closed console window (which Node reports
 * as SIGHUP; Windows ends the process about 10 s later) and Ctrl-Break (SIGBREAK).
 */

/** The signals {@link onTermination} handles on this platform. */
export function terminationSignals(platform: NodeJS.Platform = process.platform): NodeJS.Signals[] {
  const common: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  return platform === 'win32' ? [...common, 'SIGBREAK'] : common;
}

/**
 * Calls `handler` once, on the first termination signal; a second signal while it runs exits at once
 * (exit code 130). With SIGHUP the terminal is gone: writes to it are made harmless first, so the
 * handler's panic is not cut short by an EIO error. Returns the function that removes the listeners.
 */
export function onTermination(handler: (signal: NodeJS.Signals) => void): () => void {
  let fired = false;
  const signals = terminationSignals();
  const listener = (signal: NodeJS.Signals): void => {
    if (fired) process.exit(130);
    fired = true;
    if (signal === 'SIGHUP') {
      for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    }
    handler(signal);
  };
  for (const s of signals) process.on(s, listener);
  return () => {
    for (const s of signals) process.off(s, listener);
  };
}
