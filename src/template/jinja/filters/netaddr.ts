// The part of Python's netaddr the ipaddr filters use: IPNetwork for IPv4 and IPv6 with its str() forms.

export class IPNetwork {
  constructor(
    readonly version: 4 | 6,
    /** The address as written (not masked). */
    public value: bigint,
    public prefixlen: number,
  ) {}
  get width(): number {
    return this.version === 4 ? 32 : 128
  }
  get size(): bigint {
    return 1n << BigInt(this.width - this.prefixlen)
  }
  get netmaskInt(): bigint {
    return ((1n << BigInt(this.width)) - 1n) ^ ((1n << BigInt(this.width - this.prefixlen)) - 1n)
  }
  get network(): bigint {
    return this.value & this.netmaskInt
  }
  get broadcast(): bigint | undefined {
    if (this.width - this.prefixlen <= 1) return undefined
    return this.network | ((1n << BigInt(this.width - this.prefixlen)) - 1n)
  }
  addr(n: bigint): string {
    return formatIp(n, this.version)
  }
  get ip(): string {
    return this.addr(this.value)
  }
  toString(): string {
    return `${this.ip}/${this.prefixlen}`
  }
  /** v[i]: the i-th address of the network (negative from the end). */
  nth(i: bigint): bigint | undefined {
    const size = this.size
    const k = i < 0n ? size + i : i
    if (k < 0n || k >= size) return undefined
    return this.network + k
  }
}

export function formatIp(n: bigint, version: 4 | 6): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.')
  const words = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn))
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return `::ffff:${formatIp(n & 0xffffffffn, 4)}`
  let best = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && words[j] === 0) j++
    if (j - i > bestLen && j - i > 1) {
      best = i
      bestLen = j - i
    }
    i = j
  }
  const hex = words.map((w) => w.toString(16))
  if (best < 0) return hex.join(':')
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':')
}

function parseV4(s: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s)
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return undefined
  return parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n)
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return undefined
  let tail: bigint[] = []
  let str = s
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(str)
  if (v4) {
    const n = parseV4(v4[1])
    if (n === undefined) return undefined
    str = str.slice(0, v4.index + 1) + '0:0'
    tail = [n]
  }
  const halves = str.split('::')
  if (halves.length > 2) return undefined
  const parse = (h: string) => (h ? h.split(':') : [])
  const head = parse(halves[0])
  const rest = halves.length === 2 ? parse(halves[1]) : []
  if ([...head, ...rest].some((w) => !/^[0-9a-fA-F]{1,4}$/.test(w))) return undefined
  const fill = 8 - head.length - rest.length
  if ((halves.length === 1 && fill !== 0) || (halves.length === 2 && fill < 1)) return undefined
  const words = [...head, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...rest]
  let n = words.reduce((a, w) => (a << 16n) | BigInt(parseInt(w, 16)), 0n)
  if (tail.length) n = (n & ~0xffffffffn) | tail[0]
  return n
}

/** netaddr.IPNetwork(text), or undefined when netaddr would raise. */
export function parseNetwork(text: string): IPNetwork | undefined {
  const [addr, prefix, extra] = text.trim().split('/')
  if (extra !== undefined) return undefined
  let version: 4 | 6 = 4
  let n = parseV4(addr)
  if (n === undefined) {
    n = parseV6(addr)
    version = 6
  }
  if (n === undefined) return undefined
  const width = version === 4 ? 32 : 128
  let plen = width
  if (prefix !== undefined) {
    if (/^\d+$/.test(prefix)) plen = Number(prefix)
    else if (version === 4) {
      const mask = parseV4(prefix)
      if (mask === undefined) return undefined
      const bits = mask.toString(2).padStart(32, '0')
      if (!/^1*0*$/.test(bits)) {
        if (/^0*1*$/.test(bits)) plen = 32 - bits.indexOf('1') // a hostmask
        else return undefined
      } else plen = bits.indexOf('0') < 0 ? 32 : bits.indexOf('0')
    } else return undefined
    if (plen > width) return undefined
  }
  return new IPNetwork(version, n, plen)
}
