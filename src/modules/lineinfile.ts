// lineinfile: ensure one line is present (or replaced via regexp/search_string) or absent — Ansible's rules.
import { ModuleError } from '../errors.js'
import { editFile, editProps, type EditArgs, type Edit } from './lib/edit-file.js'
import { pyExpand, pyRegExp } from './lib/pyre.js'
import { defineModule, type TaskResult } from './types.js'

export interface LineinfileArgs extends EditArgs {
  state: 'present' | 'absent'
  line?: string
  regexp?: string
  search_string?: string
  insertafter?: string
  insertbefore?: string
  backrefs: boolean
  firstmatch: boolean
}

export const lineinfile = defineModule<LineinfileArgs>({
  name: 'lineinfile',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      ...editProps,
      state: { enum: ['present', 'absent'], default: 'present' },
      line: { type: 'string', aliases: ['value'], binary: true },
      regexp: { type: 'string', aliases: ['regex'] },
      search_string: { type: 'string' },
      insertafter: { type: 'string' },
      insertbefore: { type: 'string' },
      backrefs: { type: 'boolean', default: false },
      firstmatch: { type: 'boolean', default: false },
      create: { type: 'boolean', default: false },
    },
  },
  async run(ctx, a) {
    if (a.regexp !== undefined && a.search_string !== undefined) throw new ModuleError('lineinfile: regexp and search_string are mutually exclusive')
    if (a.insertafter !== undefined && a.insertbefore !== undefined) throw new ModuleError('lineinfile: insertafter and insertbefore are mutually exclusive')
    if (a.state === 'present') {
      if (a.line === undefined) throw new ModuleError("lineinfile: state=present requires 'line'")
      if (a.backrefs && a.regexp === undefined) throw new ModuleError("lineinfile: backrefs=yes requires 'regexp'")
      return finish(a, await editFile(ctx, a, (text) => present(a, text)))
    }
    if (a.line === undefined && a.regexp === undefined && a.search_string === undefined) {
      throw new ModuleError("lineinfile: state=absent requires one of 'line', 'regexp' or 'search_string'")
    }
    return finish(a, await editFile(ctx, { ...a, create: false }, (text) => absent(a, text)))
  },
})

/**
 * Ansible's lineinfile names its backup `backup`, '' when none was made (blockinfile and replace say
 * backup_file), and warns about an empty regexp or search_string: it matches every line.
 */
function finish(a: LineinfileArgs, r: TaskResult): TaskResult {
  if (r.status === 'failed') return r
  const { backup_file: made, ...data } = r.data
  const empty = a.regexp === '' ? 'regular expression' : a.search_string === '' ? 'search string' : undefined
  const warnings = empty
    ? [`The ${empty} is an empty string, which will match every line in the file. This may have unintended consequences, such as replacing the last line in the file rather than appending.` +
        (a.regexp === '' ? " If this is desired, use '^' to match every line in the file and avoid this warning." : '')]
    : []
  return { ...r, data: { ...data, backup: made ?? '', ...(warnings.length ? { warnings } : {}) } }
}

/** Splits keeping the '\n' terminators, like Python's readlines(). */
function readLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/)
}
const bare = (l: string) => l.replace(/[\r\n]+$/, '')
const body = (l: string) => (l.endsWith('\n') ? l.slice(0, -1) : l)

export function present(a: LineinfileArgs, text: string | undefined): Edit {
  const lines = readLines(text ?? '')
  const line = a.line as string
  const re = a.regexp !== undefined ? pyRegExp(a.regexp, '', 'regexp') : undefined
  const insAfter = a.insertafter !== undefined && a.insertafter !== 'BOF' && a.insertafter !== 'EOF'
  const insBefore = a.insertafter === undefined && a.insertbefore !== undefined && a.insertbefore !== 'BOF'
  const ins = insAfter ? pyRegExp(a.insertafter as string, '', 'insertafter') : insBefore ? pyRegExp(a.insertbefore as string, '', 'insertbefore') : undefined
  let matchIdx = -1
  let insertIdx = -1
  let match: RegExpExecArray | null = null
  let found = false
  if (re || a.search_string !== undefined) {
    for (let i = 0; i < lines.length; i++) {
      const m = re ? re.exec(body(lines[i])) : lines[i].includes(a.search_string as string) ? ([] as unknown as RegExpExecArray) : null
      if (m) {
        matchIdx = i
        match = m
        found = true
        if (a.firstmatch) break
      }
    }
  }
  if (!found) {
    for (let i = 0; i < lines.length; i++) {
      if (bare(lines[i]) === line) matchIdx = i
      else if (ins && ins.test(body(lines[i]))) {
        insertIdx = insAfter ? i + 1 : i
        if (a.firstmatch) break
      }
    }
  }
  const out = [...lines]
  const nl = (s: string) => (s.endsWith('\n') ? s : s + '\n')
  if (matchIdx !== -1) {
    const newLine = nl(a.backrefs && match && re ? pyExpand(line, match) : line)
    if (out[matchIdx] === newLine) return { text: text ?? '', msg: '' }
    out[matchIdx] = newLine
    return { text: out.join(''), msg: 'line replaced' }
  }
  if (a.backrefs) return { text: text ?? '', msg: '' }
  if (a.insertbefore === 'BOF' || a.insertafter === 'BOF') {
    out.unshift(line + '\n')
  } else if (a.insertafter === 'EOF' || insertIdx === -1) {
    if (out.length && !/[\r\n]$/.test(out[out.length - 1])) out.push('\n')
    out.push(line + '\n')
  } else if (insAfter) {
    if (out.length === insertIdx) {
      if (bare(out[insertIdx - 1]) === line) return { text: text ?? '', msg: '' }
      out.push(line + '\n')
    } else {
      if (bare(out[insertIdx]) === line) return { text: text ?? '', msg: '' }
      out.splice(insertIdx, 0, line + '\n')
    }
  } else {
    out.splice(insertIdx, 0, line + '\n')
  }
  return { text: out.join(''), msg: 'line added' }
}

export function absent(a: LineinfileArgs, text: string | undefined): Edit {
  if (text === undefined) return { text: undefined, msg: 'file not present' }
  const re = a.regexp !== undefined ? pyRegExp(a.regexp, '', 'regexp') : undefined
  const keep = readLines(text).filter((l) =>
    re ? !re.test(body(l)) : a.search_string !== undefined ? !l.includes(a.search_string) : bare(l) !== a.line,
  )
  const removed = readLines(text).length - keep.length
  return { text: keep.join(''), msg: removed ? `${removed} line(s) removed` : '' }
}
