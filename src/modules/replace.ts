// replace: every match of a (Python) regexp in a file, optionally between `after` and `before`.
import { ModuleError } from '../errors.js'
import { editFile, editProps, type EditArgs, type Edit } from './lib/edit-file.js'
import { pyExpand, pyRegExp } from './lib/pyre.js'
import { defineModule } from './types.js'

export interface ReplaceArgs extends EditArgs {
  regexp: string
  replace: string
  after?: string
  before?: string
}

export const replace = defineModule<ReplaceArgs>({
  name: 'replace',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['path', 'regexp'],
    properties: {
      ...editProps,
      regexp: { type: 'string' },
      replace: { type: 'string', default: '', binary: true },
      after: { type: 'string' },
      before: { type: 'string' },
      encoding: { type: 'string', enum: ['utf-8', 'utf8'] },
    },
  },
  async run(ctx, a) {
    return editFile(ctx, { ...a, create: false }, (text) => applyReplace(a, text))
  },
})

export function applyReplace(a: ReplaceArgs, contents: string | undefined): Edit {
  if (contents === undefined) throw new ModuleError(`Path ${a.path} does not exist !`)
  let start = 0
  let end = contents.length
  if (a.after || a.before) {
    const pattern = a.after && a.before ? `${a.after}(?<subsection>[\\s\\S]*?)${a.before}` : a.after ? `${a.after}(?<subsection>[\\s\\S]*)` : `(?<subsection>[\\s\\S]*)${a.before}`
    const m = pyRegExp(pattern, 'sd', 'after/before').exec(contents)
    if (!m) return { text: contents, msg: `Pattern for before/after params did not match the given file: ${pattern}` }
    ;[start, end] = m.indices!.groups!.subsection
  }
  const section = contents.slice(start, end)
  const re = pyRegExp(a.regexp, 'gm', 'regexp')
  let count = 0
  const replaced = section.replace(re, (...args) => {
    count++
    const groups = typeof args[args.length - 1] === 'object' ? (args[args.length - 1] as Record<string, string>) : undefined
    const m = Object.assign(args.slice(0, groups ? -3 : -2) as unknown as RegExpExecArray, { groups })
    return pyExpand(a.replace, m)
  })
  if (count === 0 || replaced === section) return { text: contents, msg: '' }
  return { text: contents.slice(0, start) + replaced + contents.slice(end), msg: `${count} replacements made` }
}
