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

/**
 * The least time of one JavaScript pass over every character of `text`, in ms: the least that work reading all
 * of it would cost. Work that must not depend on the text's length is held to a fraction of it, a ratio measured
 * in the same process, so a busy machine slows both sides alike.
 */
export function passMs(text: string): number {
  return bestOf(5, () => {
    let zeros = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0) zeros++;
    return zeros;
  });
}

/** How much less than one pass over its input a length-independent step must cost (measured: 130 times less or better). */
export const FRACTION_OF_A_PASS = 1 / 20;
