// File modes as Ansible takes them: octal ('0644', '644', 644 from YAML) or symbolic ('u=rw,g+r,o-w', 'a+X').
import { ModuleError } from '../../errors.js'

export type ModeSpec = { kind: 'octal'; value: number } | { kind: 'symbolic'; text: string }

/** Parses the `mode` argument; throws naming the bad value. */
export function parseMode(raw: string | number | undefined): ModeSpec | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  // A number is the mode itself, as in Ansible: YAML reads `mode: 0644` as 420 (octal); `mode: 644`
  // is decimal 644 (0o1204), the trap Ansible's docs warn about.
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < 0 || raw > 0o7777) throw new ModuleError(`mode ${raw} is not a file mode`, "write it as a quoted octal string, e.g. mode: '0644'")
    return { kind: 'octal', value: raw }
  }
  const text = raw.trim()
  if (/^0?[0-7]{1,4}$/.test(text) || /^0o[0-7]{1,4}$/.test(text)) {
    return { kind: 'octal', value: parseInt(text.replace(/^0o/, ''), 8) }
  }
  if (text === 'preserve') throw new ModuleError(`mode 'preserve' is only supported by copy and template`)
  for (const clause of text.split(',')) {
    if (!/^[ugoa]*([-+=][rwxXstugo]*)+$/.test(clause)) {
      throw new ModuleError(`mode '${text}' is neither octal (0644) nor symbolic (u=rw,g=r,o=r)`, `bad clause '${clause}'`)
    }
  }
  return { kind: 'symbolic', text }
}

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o1007 }

/** The mode a path gets from `chmod spec` given its current mode (GNU chmod semantics, umask 022 default). */
export function applyMode(spec: ModeSpec, current: number, isDir: boolean, umask = 0o022): number {
  if (spec.kind === 'octal') return spec.value
  let mode = current & 0o7777
  for (const clause of spec.text.split(',')) {
    const m = /^([ugoa]*)(.*)$/.exec(clause)!
    const whoText = m[1]
    let mask = 0
    for (const w of whoText.includes('a') || whoText === '' ? 'ugo' : whoText) mask |= WHO[w]
    // without u/g/o/a, bits set in the umask are left alone
    if (whoText === '') mask &= ~umask
    for (const op of m[2].match(/[-+=][rwxXstugo]*/g) ?? []) {
      const bits = permBits(op.slice(1), mode, isDir) & mask
      if (op[0] === '+') mode |= bits
      else if (op[0] === '-') mode &= ~bits
      // '=' clears the who bits (keeping setuid/gid of dirs, as GNU does) then sets
      else mode = (mode & ~(mask & (isDir ? 0o1777 : 0o7777))) | bits
    }
  }
  return mode
}

function permBits(perms: string, mode: number, isDir: boolean): number {
  let bits = 0
  for (const p of perms) {
    if (p === 'r') bits |= 0o444
    else if (p === 'w') bits |= 0o222
    else if (p === 'x') bits |= 0o111
    else if (p === 'X') bits |= isDir || (mode & 0o111) !== 0 ? 0o111 : 0
    else if (p === 's') bits |= 0o6000
    else if (p === 't') bits |= 0o1000
    else {
      // copy from another class: u, g or o
      const shift = p === 'u' ? 6 : p === 'g' ? 3 : 0
      const v = (mode >> shift) & 7
      bits |= v * 0o111
    }
  }
  return bits
}

/** '0644' style, as Ansible reports modes. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0')
}

