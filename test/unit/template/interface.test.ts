// The template interface (src/template/index.ts): Jinja2 for YAML values, conditions and files, Handlebars
// for `.hbs` files, one variable machinery for both (lazy variables, unsafe values, hostvars scopes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TemplateError } from '../../../src/errors.js'
import {
  UnsafeText, checkCondition, checkFile, checkValue, evaluate, evaluateCondition, markScope, markUnsafe, render, renderFile, renderValue,
} from '../../../src/template/index.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-tpl-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function templateError(fn: () => unknown): TemplateError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError)
    return e as TemplateError
  }
  throw new Error('expected a TemplateError')
}

const node1 = markScope({ inventory_hostname: 'node1', ip: '10.0.0.1', url: 'http://{{ ip }}:2379' })
const node2 = markScope({ inventory_hostname: 'node2', ip: '10.0.0.2', url: 'http://{{ ip }}:2379' })
const vars = {
  ...node1,
  port: 2379,
  list: [3, 1, 2],
  hostvars: { node1, node2 },
  groups: { etcd: ['node1', 'node2'] },
  peers: "{{ groups['etcd'] | map('extract', hostvars, 'url') | list }}",
  result: markUnsafe({ rc: 0, stdout: 'literal {{ port }}' }),
  raw: new UnsafeText('{{ not_templated }}'),
}

describe('YAML values: Jinja2 as Templar returns them', () => {
  it('a list stays a list, {{ n }} of a number is that number, a sum comes back as text', () => {
    expect(evaluate('{{ list | sort }}', vars)).toEqual([1, 2, 3])
    expect(evaluate('{{ port }}', vars)).toBe(2379)
    expect(evaluate('{{ port + 1 }}', vars)).toBe('2380')
    expect(render('{{ list }}', vars)).toBe('[3, 1, 2]')
  })

  it('lazy variables expand when read; a hostvars entry with its own host', () => {
    expect(evaluate('{{ peers }}', vars)).toEqual(['http://10.0.0.1:2379', 'http://10.0.0.2:2379'])
    expect(evaluate("{{ hostvars['node2'].url }}", vars)).toBe('http://10.0.0.2:2379')
  })

  it('unsafe values never expand', () => {
    expect(evaluate('{{ result.stdout }}', vars)).toBe('literal {{ port }}')
    expect(evaluate('{{ raw }}', vars)).toBe('{{ not_templated }}')
    expect(renderValue({ a: new UnsafeText('{{ x }}') }, vars)).toEqual({ a: '{{ x }}' })
  })

  it('renderValue walks lists and dicts', () => {
    expect(renderValue({ a: ['{{ port }}', 'x{{ ip }}'], k: 5 }, vars)).toEqual({ a: [2379, 'x10.0.0.1'], k: 5 })
  })

  it('an undefined variable names it, Ansible-worded, at the value\'s file:line:column, with the task', () => {
    const e = templateError(() => evaluate('x={{ missing }}', vars, { where: { file: 'site.yml', line: 12, column: 9 }, task: 'Install etcd' }))
    expect(e.describe()).toMatch(/^site\.yml:12:\d+: 'missing' is undefined/)
    expect(e.describe()).toContain("in task 'Install etcd'")
    expect(e.variable).toBe('missing')
    expect(templateError(() => evaluate('{{ result.rcc }}', vars)).message).toContain("has no attribute 'rcc'")
  })
})

describe('conditions: as Ansible\'s Conditional', () => {
  it('bare expressions, {{ }} templates and literals; a list must all hold', () => {
    expect(evaluateCondition('result.rc == 0', vars)).toBe(true)
    expect(evaluateCondition(['port > 1024', 'list | length == 3', true], vars)).toBe(true)
    expect(evaluateCondition(['missing is defined'], vars)).toBe(false)
    expect(evaluateCondition('{{ port == 1 }}', vars)).toBe(false)
  })
})

describe('template files: .j2 with Jinja2, .hbs with Handlebars, the same variables', () => {
  it('renders a .j2 file with trim_blocks, a loop and the template module\'s variables', () => {
    const path = file('peers.conf.j2', '# {{ ansible_managed }}\n{% for u in peers %}\npeer {{ u }}\n{% endfor %}\n')
    expect(renderFile(`# x\n`, vars, path)).toBe('# x\n')
    expect(renderFile("{{ ansible_managed }}|{% for u in peers %}\n{{ u }};{% endfor %}", vars, path)).toBe('Ansible managed|http://10.0.0.1:2379;http://10.0.0.2:2379;')
  })

  it('renders an .hbs file with prefix helpers, lazy variables and hostvars scopes', () => {
    const path = file('peers.conf.hbs', '')
    const text = '{{#each groups.etcd}}{{ lookup (lookup @root.hostvars this) "url" }} {{/each}}{{ join (sort list) "," }} {{ raw }} {{ result.stdout }}'
    expect(renderFile(text, vars, path)).toBe('http://10.0.0.1:2379 http://10.0.0.2:2379 1,2,3 {{ not_templated }} literal {{ port }}')
  })

  it('an undefined variable in an .hbs file points at its line', () => {
    const path = file('bad.hbs', '')
    expect(templateError(() => renderFile('a\nb\n{{ nope }}\n', vars, path)).describe()).toMatch(/bad\.hbs:3: undefined variable 'nope'/)
  })
})

describe('checks without evaluating', () => {
  it('a syntax error points at the column', () => {
    const e = templateError(() => checkValue('{{ a + }}', { where: { file: 'a.yml', line: 2, column: 5 } }))
    expect(e.position).toMatchObject({ file: 'a.yml', line: 2 })
    expect(e.position?.column).toBeGreaterThan(5)
  })

  it('unknown filters and tests are found', () => {
    expect(templateError(() => checkValue('{{ x | defualt(1) }}')).message).toMatch(/defualt/)
    expect(templateError(() => checkCondition('x is definedd')).message).toMatch(/definedd/)
  })

  it('files by their engine: Jinja in an .hbs file gets a hint to name it .j2', () => {
    expect(() => checkFile('{% if x %}y{% endif %}', 'ok.j2')).not.toThrow()
    expect(templateError(() => checkFile('{% if x %}y{% endif %}', 'x.hbs')).hint).toContain('.j2')
  })
})
