/**
 * Progress on stderr with a rate and an ETA: a bar on a terminal; without one (logs, CI) a plain line at
 * most every 30 seconds.
 */
import cliProgress from 'cli-progress';

/** The part of a progress bar the commands use. */
export interface Progress {
  update(value: number, payload?: { info: string }): void;
  increment(step: number, payload?: { info: string }): void;
  stop(): void;
}

class LineProgress implements Progress {
  private value = 0;
  private last = 0;
  private readonly started = performance.now();

  constructor(
    private readonly total: number,
    private readonly label: string,
  ) {}

  update(value: number, payload?: { info: string }): void {
    this.value = value;
    const now = performance.now();
    if (now - this.last < 30_000 && value < this.total) return;
    this.last = now;
    const elapsed = (now - this.started) / 1000;
    const eta = value > 0 ? (elapsed * (this.total - value)) / value : NaN;
    process.stderr.write(
      `${this.label} ${value}/${this.total} | ETA ${Number.isFinite(eta) ? Math.round(eta) + ' s' : '?'} | ${payload?.info ?? ''}\n`,
    );
  }

  increment(step: number, payload?: { info: string }): void {
    this.update(this.value + step, payload);
  }

  stop(): void {}
}

/** Creates and starts a progress display of `total` steps; `label` names the work. */
export function progressBar(total: number, label: string): Progress {
  if (!process.stderr.isTTY) return new LineProgress(total, label);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} | ETA {eta_formatted} | {info}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: '' });
  return bar;
}
