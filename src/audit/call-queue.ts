// The run's limit on LLM calls in flight, served in (row, agent) order: an earlier row's calls go first, so rows
// finish in order and soon instead of every row in the window advancing a little.
export class CallQueue {
  private active = 0;
  private readonly waiting: Array<{ row: number; agent: number; start: () => void }> = [];

  constructor(private readonly concurrency: number) {}

  run<T>(row: number, agent: number, call: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.active++;
        call()
          .then(resolve, reject)
          .finally(() => {
            this.active--;
            this.waiting.shift()?.start();
          });
      };
      if (this.active < this.concurrency) return start();
      let lo = 0;
      let hi = this.waiting.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const w = this.waiting[mid];
        if (w.row < row || (w.row === row && w.agent <= agent)) lo = mid + 1;
        else hi = mid;
      }
      this.waiting.splice(lo, 0, { row, agent, start });
    });
  }
}
