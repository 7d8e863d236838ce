// Ansible's random/shuffle filters. With a seed they use Python's random.Random(seed): the Mersenne
// Twister seeded as CPython does (a str seed → its bytes + SHA-512 as one big integer), so a seeded
// `random(seed=inventory_hostname)` picks the same value as Ansible. Without a seed: crypto randomness.
import { createHash, randomInt } from 'node:crypto'
import { filterError } from '../errors.js'
import { iterate, str } from '../py.js'
import { num } from '../pyfloat.js'

class MT19937 {
  private mt = new Uint32Array(624)
  private mti = 625
  private initGenrand(s: number): void {
    this.mt[0] = s >>> 0
    for (this.mti = 1; this.mti < 624; this.mti++) {
      const prev = this.mt[this.mti - 1] ^ (this.mt[this.mti - 1] >>> 30)
      this.mt[this.mti] = (Math.imul(1812433253, prev) + this.mti) >>> 0
    }
  }
  initByArray(key: number[]): void {
    this.initGenrand(19650218)
    let i = 1
    let j = 0
    const n = 624
    for (let k = Math.max(n, key.length); k > 0; k--) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30)
      this.mt[i] = ((this.mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0
      i++
      j++
      if (i >= n) {
        this.mt[0] = this.mt[n - 1]
        i = 1
      }
      if (j >= key.length) j = 0
    }
    for (let k = n - 1; k > 0; k--) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30)
      this.mt[i] = ((this.mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0
      i++
      if (i >= n) {
        this.mt[0] = this.mt[n - 1]
        i = 1
      }
    }
    this.mt[0] = 0x80000000
    this.mti = 624
  }
  uint32(): number {
    if (this.mti >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (this.mt[k] & 0x80000000) | (this.mt[(k + 1) % 624] & 0x7fffffff)
        this.mt[k] = this.mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)
      }
      this.mti = 0
    }
    let y = this.mt[this.mti++]
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }
  getrandbits(k: number): bigint {
    if (k <= 32) return BigInt(this.uint32() >>> (32 - k))
    let r = 0n
    let shift = 0n
    while (k > 0) {
      const bits = Math.min(32, k)
      r |= BigInt(this.uint32() >>> (32 - bits)) << shift
      shift += 32n
      k -= 32
    }
    return r
  }
  randbelow(n: number): number {
    if (n <= 0) throw filterError('empty range for randrange()')
    const k = n.toString(2).length
    let r = this.getrandbits(k)
    while (r >= BigInt(n)) r = this.getrandbits(k)
    return Number(r)
  }
}

/** random.Random(seed) as CPython seeds it. */
export function seededRandom(seed: unknown): MT19937 {
  let big: bigint
  const n = num(seed)
  if (typeof seed === 'string') {
    const bytes = Buffer.from(seed, 'utf8')
    const all = Buffer.concat([bytes, createHash('sha512').update(bytes).digest()])
    big = BigInt('0x' + (all.toString('hex') || '0'))
  } else if (n !== undefined && Number.isInteger(n)) big = BigInt(Math.abs(n))
  else big = BigInt('0x' + createHash('sha512').update(str(seed)).digest('hex'))
  const key: number[] = []
  while (big > 0n) {
    key.push(Number(big & 0xffffffffn))
    big >>= 32n
  }
  if (!key.length) key.push(0)
  const mt = new MT19937()
  mt.initByArray(key)
  return mt
}

export function pyRandom(end: unknown, start: unknown, step: unknown, seed: unknown, shuffle = false): unknown {
  const rnd = seed === null || seed === undefined ? undefined : seededRandom(seed)
  const below = (k: number) => (rnd ? rnd.randbelow(k) : randomInt(k))
  if (shuffle) {
    const l = [...(end as unknown[])]
    for (let i = l.length - 1; i > 0; i--) {
      const j = below(i + 1)
      ;[l[i], l[j]] = [l[j], l[i]]
    }
    return l
  }
  if (typeof end === 'number' && Number.isInteger(end)) {
    const a = start ? Number(num(start)) : 0
    const s = step ? Number(num(step)) : 1
    const width = end - a
    if (s === 1) return a + below(width)
    const n = Math.floor((width + s - 1) / s)
    return a + s * below(n)
  }
  if (typeof end === 'string' || Array.isArray(end) || (typeof end === 'object' && end !== null)) {
    if (start || step) throw filterError('start and step can only be used with integer values')
    const items = iterate(end)
    return items[below(items.length)]
  }
  throw filterError('random can only be used on sequences and integers')
}
