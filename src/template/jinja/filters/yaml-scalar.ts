// libyaml's (PyYAML's) scalar analysis: which styles (plain, single-quoted, double-quoted) a string allows, and the
// YAML 1.1 implicit resolvers a plain scalar must not match to read back as a string.

export const BREAKS = '\n\x85\u2028\u2029'
export const ESC: Record<string, string> = { '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e', '"': '"', '\\': '\\', '\x85': 'N', '\u2028': 'L', '\u2029': 'P' }

// PyYAML's implicit resolvers (YAML 1.1): a plain scalar matching one would not read back as a string
export const IMPLICIT = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:<<|=)$/,
]

// libyaml's IS_PRINTABLE (Ansible dumps with the C emitter when libyaml is there, as on Debian): no
// NEL, nothing beyond the BMP (an emoji is written \U0001F600)
export function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0)!
  return ch === '\n' || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
}

export interface Analysis {
  empty: boolean
  multiline: boolean
  flowPlain: boolean
  blockPlain: boolean
  singleQuoted: boolean
}

export function analyze(s: string): Analysis {
  if (!s) return { empty: true, multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true }
  let blockInd = false
  let flowInd = false
  let lineBreaks = false
  let special = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  if (s.startsWith('---') || s.startsWith('...')) blockInd = flowInd = true
  let precededBySpace = true
  const chars = Array.from(s)
  let prevSpace = false
  let prevBreak = false
  chars.forEach((ch, i) => {
    const next = chars[i + 1]
    const followedBySpace = next === undefined || ' \t\r\n\x85\u2028\u2029'.includes(next)
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowInd = blockInd = true
      if (ch === '?' || ch === ':') {
        flowInd = true
        if (followedBySpace) blockInd = true
      }
      if (ch === '-' && followedBySpace) flowInd = blockInd = true
    } else {
      if (',?[]{}'.includes(ch)) flowInd = true
      if (ch === ':') {
        flowInd = true
        if (followedBySpace) blockInd = true
      }
      if (ch === '#' && precededBySpace) flowInd = blockInd = true
    }
    if (BREAKS.includes(ch)) lineBreaks = true
    if (!isPrintable(ch)) special = true
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (prevBreak) breakSpace = true
      prevSpace = true
      prevBreak = false
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (prevSpace) spaceBreak = true
      prevSpace = false
      prevBreak = true
    } else {
      prevSpace = false
      prevBreak = false
    }
    precededBySpace = ' \t\r\n\x85\u2028\u2029'.includes(ch)
  })
  let flowPlain = true
  let blockPlain = true
  let single = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false
  if (breakSpace) flowPlain = blockPlain = single = false
  if (spaceBreak || special) flowPlain = blockPlain = single = false
  if (lineBreaks) flowPlain = blockPlain = false
  if (flowInd) flowPlain = false
  if (blockInd) blockPlain = false
  return { empty: false, multiline: lineBreaks, flowPlain, blockPlain, singleQuoted: single }
}
