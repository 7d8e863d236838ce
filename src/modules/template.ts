// template: render a template file (Jinja2, or Handlebars for .hbs) with the task's variables, then copy's logic.
import { readFileSync, statSync } from 'node:fs'
import { ModuleError } from '../errors.js'
import { fileAttrProps } from './copy.js'
import { ensureFile } from './lib/ensure-file.js'
import { findLocal } from './lib/local-files.js'
import { defineModule } from './types.js'

export interface TemplateArgs {
  src: string
  dest: string
  mode?: string | number
  owner?: string
  group?: string
  backup: boolean
  force: boolean
  validate?: string
  newline_sequence: '\n' | '\r\n' | '\r'
}

export const template = defineModule<TemplateArgs>({
  name: 'template',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string' },
      dest: { type: 'string', aliases: ['path'] },
      ...fileAttrProps,
      backup: { type: 'boolean', default: false },
      force: { type: 'boolean', default: true },
      validate: { type: 'string' },
      newline_sequence: { enum: ['\n', '\r\n', '\r'], default: '\n' },
      follow: { type: 'boolean' },
      trim_blocks: { type: 'boolean' },
      lstrip_blocks: { type: 'boolean' },
      output_encoding: { type: 'string', enum: ['utf-8', 'utf8'] },
    },
  },
  async run(ctx, a) {
    if (!ctx.render) throw new ModuleError('template: no template renderer in this context (the executor provides ctx.render)')
    const file = findLocal(ctx, a.src, 'templates')
    let text = ctx.render(readFileSync(file, 'utf8'), file)
    // mode=preserve: the template file's own mode
    const mode = a.mode === 'preserve' ? (statSync(file).mode & 0o7777).toString(8).padStart(4, '0') : a.mode
    if (a.newline_sequence !== '\n') text = text.replace(/\r?\n/g, a.newline_sequence)
    const base = a.src.split('/').pop() as string
    return ensureFile(ctx, {
      dest: a.dest, content: Buffer.from(text, 'utf8'), basename: base.replace(/\.(j2|hbs)$/, ''),
      mode, owner: a.owner, group: a.group, backup: a.backup, force: a.force, validate: a.validate,
      report: true, // Ansible's template returns copy's keys
    })
  },
})
