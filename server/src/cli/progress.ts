import cliProgress from 'cli-progress';

/** A progress bar on a terminal; plain occasional lines when output is piped (CI logs stay readable). */
export function progressBar(label: string) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} {item}`,
        hideCursor: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done: number, total: number, item = '') {
        if (!started) {
          bar.start(Math.max(total, 1), 0, { item });
          started = true;
        }
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { item });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastPrinted = 0;
  return {
    update(done: number, total: number, item = '') {
      const now = Date.now();
      if (now - lastPrinted > 1000 || done === total) {
        lastPrinted = now;
        process.stderr.write(`${label}: ${done}/${total} ${item}\n`);
      }
    },
    stop() {},
  };
}
