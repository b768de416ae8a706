// Dataset progress on stderr: at most one line a second (a 100,000-row audit wrote 100,000 lines), always the first
// and the last, with the rate and the time left.
export class ProgressLines {
  private lastAt = -Infinity;
  private startedAt: number | null = null;
  private startDone = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly everyMs = 1000,
  ) {}

  report(done: number, total: number): void {
    const at = this.now();
    if (this.startedAt === null) [this.startedAt, this.startDone] = [at, done];
    if (done < total && at - this.lastAt < this.everyMs) return;
    this.lastAt = at;
    const seconds = (at - this.startedAt) / 1000;
    const rate = seconds > 0 ? (done - this.startDone) / seconds : 0;
    const left = rate > 0 && done < total ? ` · about ${formatDuration((total - done) / rate)} left` : '';
    this.write(`[${done}/${total}] rows done${rate > 0 ? ` · ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)} rows/s` : ''}${left}\n`);
  }
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
