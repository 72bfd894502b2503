/** The least time `run` takes in `times` runs, in ms: the cost of the work, not of a busy machine's scheduling. */
export function bestOf(times: number, run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
