/** mulberry32: a tiny, fast, seeded PRNG; the same seed gives the same files on every machine. */
const prepared = new WeakMap<object, { entries: Array<[string, number]>; sum: number }>();

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A key drawn with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    // Entries and sum per weights object, computed once: a million draws must not copy them each time.
    let cached = prepared.get(weights);
    if (!cached) {
      const list = Object.entries(weights) as Array<[string, number]>;
      prepared.set(weights, (cached = { entries: list, sum: list.reduce((s, [, w]) => s + w, 0) }));
    }
    const entries = cached.entries as Array<[K, number]>;
    let r = this.next() * cached.sum;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** Each key repeated as often as its count, shuffled: exact figures as a list of draws. */
export function spread<K extends string>(prng: Prng, counts: Readonly<Partial<Record<K, number>>>): K[] {
  const out: K[] = [];
  for (const [k, n] of Object.entries(counts) as Array<[K, number]>) for (let i = 0; i < n; i++) out.push(k);
  return prng.shuffle(out);
}
