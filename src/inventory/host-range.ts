// Host names with optional ports and [x:y(:step)] ranges, as ansible-core's parse_address() and
// expand_hostname_range() read them (ansible/parsing/utils/addresses.py, plugins/inventory/__init__.py).

export class HostRangeError extends Error {}

const numericRange = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`
const hexRange = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`
const alnumRange = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`
const ipv6c = `(?:[0-9a-f]{1,4}|${hexRange})`
const ipv4c = `(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${numericRange})`
const label = String.raw`(?:[\p{L}\p{N}_]|${alnumRange})(?:[\p{L}\p{N}_-]|${alnumRange})*(?<![_-])`

const patterns = {
  bracketedHostport: /^\[(.+)\]:([0-9]+)$/,
  hostport: /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/,
  ipv4: new RegExp(`^(?:${ipv4c}\\.){3}${ipv4c}$`, 'i'),
  ipv6: new RegExp(
    '^(?:' +
      [
        `(?:${ipv6c}:){7}${ipv6c}`,
        `(?:${ipv6c}:){1,6}:`,
        `(?:${ipv6c}:)(?::${ipv6c}){1,6}`,
        `(?:${ipv6c}:){2}(?::${ipv6c}){1,5}`,
        `(?:${ipv6c}:){3}(?::${ipv6c}){1,4}`,
        `(?:${ipv6c}:){4}(?::${ipv6c}){1,3}`,
        `(?:${ipv6c}:){5}(?::${ipv6c}){1,2}`,
        `(?:${ipv6c}:){6}(?::${ipv6c})`,
        `:(?::${ipv6c}){1,6}`,
        `${ipv6c}?::`,
        `(?:0:){6}(?:${ipv6c}\\.){3}${ipv6c}`,
        `::(?:ffff:)?(?:${ipv6c}\\.){3}${ipv6c}`,
        `(?:0:){5}ffff:(?:${ipv6c}\\.){3}${ipv6c}`,
      ].join('|') +
      ')$',
    'i',
  ),
  hostname: new RegExp(`^${label}(?:\\.${label})*$`, 'iu'),
}

export function isIpAddress(name: string): boolean {
  return patterns.ipv4.test(name) || patterns.ipv6.test(name)
}

/** parse_address(): host and port, or undefined when Ansible would raise (it then keeps the text whole). */
// Plain DNS-style names (most inventories) match the hostname pattern for sure: skip the big regexes
const PLAIN_NAME = /^[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*$/

export function parseAddress(address: string, allowRanges: boolean): { host: string; port?: number } | undefined {
  if (PLAIN_NAME.test(address)) return { host: address }
  let port: number | undefined
  let rest = address
  for (const re of [patterns.bracketedHostport, patterns.hostport]) {
    const m = re.exec(rest)
    if (m) {
      rest = m[1]
      port = Number(m[2])
    }
  }
  if (!patterns.ipv4.test(rest) && !patterns.ipv6.test(rest) && !patterns.hostname.test(rest)) return undefined
  if (!allowRanges && rest.includes('[')) return undefined
  return { host: rest, port }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** expand_hostname_range(): `db[01:03]-[a:b]` → db01-a db01-b db02-a …; throws HostRangeError like Ansible. */
export function expandHostRange(line: string): string[] {
  if (!line.includes('[')) return [line]
  const open = line.indexOf('[')
  const close = line.indexOf(']', open)
  const firstClose = line.indexOf(']')
  // Python replaces the first '[' and the first ']' by '|' then splits: anything else is a bad range
  if (close === -1 || firstClose < open) throw new HostRangeError('host range must be begin:end or begin:end:step')
  const head = line.slice(0, open)
  const nrange = line.slice(open + 1, close)
  const tail = line.slice(close + 1)
  if (nrange.includes('|') || tail.includes('|') || head.includes('|')) throw new HostRangeError('invalid character in host range')
  const bounds = nrange.split(':')
  if (bounds.length !== 2 && bounds.length !== 3) throw new HostRangeError('host range must be begin:end or begin:end:step')
  const beg = bounds[0] === '' ? '0' : bounds[0]
  const end = bounds[1]
  const step = bounds.length === 3 ? pyInt(bounds[2]) : 1
  if (!end) throw new HostRangeError('host range must specify end value')
  let fill = (x: string | number): string => String(x)
  if (beg[0] === '0' && beg.length > 1) {
    if (beg.length !== end.length) throw new HostRangeError('host range must specify equal-length begin and end formats')
    fill = (x) => String(x).padStart(beg.length, '0')
  }
  if (step === 0) throw new HostRangeError('host range step must not be zero')
  let seq: (string | number)[]
  const iBeg = LETTERS.indexOf(beg)
  const iEnd = LETTERS.indexOf(end)
  if (beg.length === 1 && end.length === 1 && iBeg !== -1 && iEnd !== -1) {
    if (iBeg > iEnd) throw new HostRangeError('host range must have begin <= end')
    seq = []
    for (let i = iBeg; step > 0 ? i <= iEnd : i >= iEnd; i += step) seq.push(LETTERS[i])
    if (step < 0) seq = [] // Python slicing a[b:e+1:-n] with b <= e is empty
  } else {
    const b = pyInt(beg)
    const e = pyInt(end)
    seq = []
    if (step > 0) for (let i = b; i <= e; i += step) seq.push(i)
    else for (let i = b; i > e + 1; i += step) seq.push(i)
  }
  const out: string[] = []
  for (const r of seq) out.push(...expandHostRange(head + fill(r) + tail))
  return out
}

function pyInt(text: string): number {
  const t = text.trim().replace(/(?<=\d)_(?=\d)/g, '')
  if (!/^[+-]?\d+$/.test(t)) throw new HostRangeError(`invalid literal for int() with base 10: '${text}'`)
  return Number(t)
}
