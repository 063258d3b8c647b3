// Seeded PRNG and the random helpers the generator needs.
//
// Everything random in src/gen goes through one Rng so that the same options
// always yield byte-identical trees: no Math.random(), no Date.now().
// mulberry32 is tiny, fast and has a 2^32 period, which is plenty for a
// synthetic data set (we draw well under 2^32 numbers per stream).

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

export class Rng {
  private state: number;

  constructor(seed: number) {
    // Mix the seed once so that nearby seeds (1, 2, 3...) do not start in
    // visibly correlated states.
    this.state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Derive an independent child stream, e.g. one per file or per account. */
  fork(salt: number): Rng {
    return new Rng((this.int(0, 0x7fffffff) ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  }

  private chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  alnum(n: number): string {
    return this.chars(ALNUM, n);
  }

  /** Upper-case base32-ish, the alphabet of IAM access key ids and unique ids. */
  upper(n: number): string {
    return this.chars(UPPER_DIGITS, n);
  }

  hex(n: number): string {
    return this.chars(HEX, n);
  }

  /** RFC 4122 version 4 UUID built from the PRNG (variant bits set properly). */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** Weighted choice table: build once, draw many times in O(log n). */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private total = 0;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    for (const [item, w] of entries) {
      if (w <= 0) continue;
      this.total += w;
      this.cumulative.push(this.total);
      this.items.push(item);
    }
    if (this.items.length === 0) throw new Error('Weighted: no entries with positive weight');
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
