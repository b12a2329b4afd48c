// Seeded pseudo-random numbers (sfc32): the only source of randomness in the engine, so the
// same input and seed always give the same result. Separate streams keep, for example, pod
// name suffixes from shifting the scheduler's tie-breaks.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ stream;
    this.b = 0x243f6a88 ^ seed;
    this.c = 0xb7e15162 ^ (seed >>> 16);
    this.d = (seed * 31 + stream) | 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform integer in [0, 2^32). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.next() / 4294967296) * n);
  }
  /** The same stream at the same position, drawn independently from now on. */
  clone(): Rng {
    const r = Object.create(Rng.prototype) as Rng;
    r.a = this.a;
    r.b = this.b;
    r.c = this.c;
    r.d = this.d;
    return r;
  }
  /** n characters from an alphabet. */
  chars(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

/** k8s.io/apimachinery/pkg/util/rand alphanums: no vowels, no confusable characters. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
