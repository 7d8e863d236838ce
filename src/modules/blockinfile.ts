// blockinfile: a marked block of lines, inserted, updated or removed — Ansible's rules.
import { ModuleError } from '../errors.js'
import { editFile, editProps, type EditArgs, type Edit } from './lib/edit-file.js'
import { pyRegExp } from './lib/pyre.js'
import { defineModule } from './types.js'

export interface BlockinfileArgs extends EditArgs {
  state: 'present' | 'absent'
  marker: string
  block: string
  insertafter?: string
  insertbefore?: string
  marker_begin: string
  marker_end: string
}

export const blockinfile = defineModule<BlockinfileArgs>({
  name: 'blockinfile',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      ...editProps,
      state: { enum: ['present', 'absent'], default: 'present' },
      marker: { type: 'string', default: '# {mark} ANSIBLE MANAGED BLOCK' },
      block: { type: 'string', default: '', aliases: ['content'], binary: true },
      insertafter: { type: 'string' },
      insertbefore: { type: 'string' },
      create: { type: 'boolean', default: false },
      marker_begin: { type: 'string', default: 'BEGIN' },
      marker_end: { type: 'string', default: 'END' },
    },
  },
  async run(ctx, a) {
    if (a.insertafter !== undefined && a.insertbefore !== undefined) throw new ModuleError('blockinfile: insertafter and insertbefore are mutually exclusive')
    return editFile(ctx, a.state === 'absent' ? { ...a, create: false } : a, (text) => applyBlock(a, text))
  },
})

export function applyBlock(a: BlockinfileArgs, original: string | undefined): Edit {
  if (original === undefined && a.state === 'absent') return { text: undefined, msg: `File ${a.path} not present` }
  const lines = original ? original.split(/(?<=\n)/) : []
  let insertafter = a.insertafter
  const insertbefore = a.insertbefore
  if (insertbefore === undefined && insertafter === undefined) insertafter = 'EOF'
  const re = insertafter !== undefined && insertafter !== 'EOF' ? pyRegExp(insertafter, '', 'insertafter')
    : insertbefore !== undefined && insertbefore !== 'BOF' ? pyRegExp(insertbefore, '', 'insertbefore') : undefined
  const marker0 = a.marker.split('{mark}').join(a.marker_begin) + '\n'
  const marker1 = a.marker.split('{mark}').join(a.marker_end) + '\n'
  let block = a.block
  let blockLines: string[] = []
  if (a.state === 'present' && block) {
    if (!block.endsWith('\n')) block += '\n'
    blockLines = [marker0, ...block.split(/(?<=\n)/), marker1]
  }
  let n0: number | undefined
  let n1: number | undefined
  lines.forEach((l, i) => {
    if (l === marker0) n0 = i
    if (l === marker1) n1 = i
  })
  if (n0 === undefined || n1 === undefined) {
    n0 = undefined
    if (re) {
      if (re.multiline) {
        const m = re.exec(original ?? '')
        if (m) n0 = (original ?? '').slice(0, insertafter !== undefined ? m.index + m[0].length : m.index).split('\n').length - 1
      } else lines.forEach((l, i) => { if (re.test(l.replace(/\n$/, ''))) n0 = i })
      if (n0 === undefined) n0 = lines.length
      else if (insertafter !== undefined) n0 += 1
    } else n0 = insertbefore !== undefined ? 0 : lines.length
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1)
  } else {
    lines.splice(n1, n0 - n1 + 1)
    n0 = n1
  }
  if (n0 > 0 && !lines[n0 - 1].endsWith('\n')) lines[n0 - 1] += '\n'
  lines.splice(n0, 0, ...blockLines)
  const result = lines.join('')
  if (original === result) return { text: result, msg: '' }
  return { text: result, msg: original === undefined ? 'File created' : blockLines.length ? 'Block inserted' : 'Block removed' }
}
