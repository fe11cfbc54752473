/** A progress bar on stderr (drawn only on a terminal) with a rate and an ETA. */
import cliProgress from 'cli-progress';

/** Creates and starts a bar of `total` steps; `label` names the work. */
export function progressBar(total: number, label: string, extra: Record<string, string | number> = {}): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} | ETA {eta_formatted} | {info}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: '', ...extra });
  return bar;
}
