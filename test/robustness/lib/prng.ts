/**
 * A small seeded pseudo-random generator (mulberry32), so every mutation is reproducible from its seed.
 * Returns numbers in [0, 1).
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, max). */
export function randomInt(random: Random, max: number): number {
  return Math.floor(random() * max);
}
