// Hybrid logical clock: wall time in ms plus a counter, as a fixed-width string that sorts in causal order.
// (Kulkarni et al., "Logical Physical Clocks", 2014.) Ties between authors are broken by author id elsewhere.

export interface Clock {
  /** The next timestamp, greater than every one this clock has issued or seen. */
  tick(): string;
  /** Move past a timestamp seen in another case file. */
  observe(hlc: string): void;
  readonly last: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;

export const formatHlc = (wall: number, counter: number): string =>
  `${String(wall).padStart(WALL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}`;

export function parseHlc(hlc: string): { wall: number; counter: number } {
  const match = /^(\d{15})-(\d{6})$/.exec(hlc);
  if (!match) throw new Error(`not a clock value: ${hlc.slice(0, 40)}`);
  return { wall: Number(match[1]), counter: Number(match[2]) };
}

export const hlcTime = (hlc: string): number => parseHlc(hlc).wall;

export function createClock(last: string | null, now: () => number = Date.now): Clock {
  let wall = 0;
  let counter = 0;
  if (last) ({ wall, counter } = parseHlc(last));
  return {
    tick() {
      const physical = now();
      if (physical > wall) {
        wall = physical;
        counter = 0;
      } else {
        counter += 1;
      }
      return formatHlc(wall, counter);
    },
    observe(hlc) {
      const seen = parseHlc(hlc);
      if (seen.wall > wall || (seen.wall === wall && seen.counter > counter)) {
        wall = seen.wall;
        counter = seen.counter;
      }
    },
    get last() {
      return formatHlc(wall, counter);
    },
  };
}
