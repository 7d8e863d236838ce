// Text layout filters: wordwrap (Python's textwrap), comment (Ansible's), filesizeformat, striptags, xmlattr.
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { isDict, str } from '../py.js'
import { num } from '../pyfloat.js'
import { Undefined } from '../undefined.js'
import { htmlEscape } from './core.js'

// textwrap.TextWrapper.wordsep_re: whitespace, em-dashes, words split after hyphens between letters
const WORDSEP = /(\s+|(?<=[\w!"'&.,?])-{2,}(?=\w)|\S+?(?:-(?:(?<=[^\d\W]{2}-)|(?<=[^\d\W]-[^\d\W]-))(?=[^\d\W]-?[^\d\W])|(?=\s|$)|(?<=[\w!"'&.,?])(?=-{2,}\w)))/
const WORDSEP_SIMPLE = /(\s+)/

/** textwrap.wrap(text, width, expand_tabs=False, replace_whitespace=False, ...). */
export function wrap(text: string, width: number, breakLong = true, breakOnHyphens = true): string[] {
  const chunks = text.split(breakOnHyphens ? WORDSEP : WORDSEP_SIMPLE).filter((c) => c)
  chunks.reverse()
  const lines: string[] = []
  while (chunks.length) {
    const cur: string[] = []
    let len = 0
    if (lines.length && chunks[chunks.length - 1].trim() === '') chunks.pop()
    while (chunks.length) {
      const l = chunks[chunks.length - 1].length
      if (len + l > width) break
      cur.push(chunks.pop()!)
      len += l
    }
    if (chunks.length && chunks[chunks.length - 1].length > width) {
      const spaceLeft = width < 1 ? 1 : width - len
      if (breakLong) {
        const chunk = chunks[chunks.length - 1]
        let end = spaceLeft
        if (breakOnHyphens && chunk.length > spaceLeft) {
          const h = chunk.lastIndexOf('-', spaceLeft - 1)
          if (h > 0 && /[^-]/.test(chunk.slice(0, h))) end = h + 1
        }
        cur.push(chunk.slice(0, end))
        chunks[chunks.length - 1] = chunk.slice(end)
      } else if (!cur.length) cur.push(chunks.pop()!)
    }
    if (cur.length && cur[cur.length - 1].trim() === '') cur.pop()
    if (cur.length) lines.push(cur.join(''))
  }
  return lines
}

const STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
}

function comment(text: string, style: string, kw: Record<string, unknown>): string {
  const st = STYLES[style]
  if (!st) throw filterError(`comment: unknown style ${style}`)
  const prepost = 'decoration' in kw ? str(kw.decoration) : st.decoration
  const p: Record<string, unknown> = { newline: '\n', beginning: '', prefix: prepost.trimEnd(), prefix_count: 1, decoration: '', postfix: prepost.trimEnd(), postfix_count: 1, end: '', ...st, ...kw }
  const nl = str(p.newline)
  const dec = str(p.decoration)
  const beginning = p.beginning ? `${str(p.beginning)}${nl}` : ''
  const prefix = p.prefix ? (p.prefix !== nl ? `${str(p.prefix)}${nl}` : nl).repeat(Number(num(p.prefix_count) ?? 1)) : ''
  const body = (dec + text.split(nl).join(nl + dec)).split(dec + nl).join(dec.trimEnd() + nl)
  const postfix = ['', ...Array(Number(num(p.postfix_count) ?? 1)).fill(str(p.postfix))].join(nl)
  const end = p.end ? `${nl}${str(p.end)}` : ''
  return beginning + prefix + body + postfix + end
}

defineFilters({
  wordwrap: ['width,break_long_words,wrapstring,break_on_hyphens', (_rt, v, width = 79, breakLong = true, wrapstring = '\n', hyphens = true) =>
    str(v).split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/).map((line) => wrap(line, Number(num(width)), Boolean(breakLong), Boolean(hyphens)).join(str(wrapstring))).join(str(wrapstring))],
  comment: ['style,**kw', (_rt, v, style = 'plain', kw) => comment(str(v), str(style), kw)],
  filesizeformat: ['binary', (_rt, v, binary = false) => {
    const bytes = Number(num(v) ?? Number(v))
    const base = binary ? 1024 : 1000
    const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB']
    if (bytes === 1) return '1 Byte'
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`
    let unit = base
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2)
      if (bytes < unit || i === prefixes.length - 1) return `${((base * bytes) / unit).toFixed(1)} ${prefixes[i]}`
    }
    return ''
  }],
  striptags: ['', (_rt, v) => {
    const s = str(v).replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '')
    const text = s.replace(/&(amp|lt|gt|quot|#39|#34|nbsp);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"', nbsp: '\u00a0' })[e]!)
    return text.split(/\s+/).filter(Boolean).join(' ')
  }],
  xmlattr: ['autospace', (_rt, d, autospace = true) => {
    if (!isDict(d)) throw filterError('xmlattr expects a mapping')
    const items: string[] = []
    for (const [k, v] of Object.entries(d)) {
      if (v === null || v instanceof Undefined) continue
      if (/[\s/>=]/.test(k)) throw filterError(`Invalid character in attribute name: '${k}'`)
      items.push(`${htmlEscape(k)}="${htmlEscape(str(v))}"`)
    }
    const rv = items.join(' ')
    return autospace && rv ? ' ' + rv : rv
  }],
})
