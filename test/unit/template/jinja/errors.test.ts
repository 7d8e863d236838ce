// Errors: Ansible's words, where (file:line:column inside the text), the task, the variable's path and a
// did-you-mean.
import { describe, expect, it } from 'vitest'
import { TemplateError } from '../../../../src/errors.js'
import { check, condition, evaluate, renderFile } from '../../../../src/template/jinja/index.js'

function error(fn: () => unknown): TemplateError {
  try {
    fn()
  } catch (e) {
    if (e instanceof TemplateError) return e
    throw e
  }
  throw new Error('no error')
}

describe('template errors', () => {
  it("undefined variable: Ansible's message, the dotted path, a did-you-mean and the task", () => {
    const e = error(() => evaluate('{{ packges.name }}', { packages: { name: 'x' } }, { task: 'install', where: { file: 'roles/r/tasks/main.yml', line: 12, column: 10 } }))
    expect(e.message).toBe("'packges' is undefined in task 'install'")
    expect(e.variable).toBe('packges')
    expect(e.hint).toBe("did you mean 'packages'?")
    expect(e.position).toEqual({ file: 'roles/r/tasks/main.yml', line: 12, column: 13 })
  })

  it("missing attribute and element, in Jinja's words", () => {
    expect(error(() => evaluate('{{ d.y }}', { d: { x: 1 } })).message).toBe("'dict object' has no attribute 'y'")
    expect(error(() => evaluate('{{ l[5] }}', { l: [1] })).message).toBe("'list object' has no element 5")
    // the chain keeps the first failure, as AnsibleUndefined does
    expect(error(() => evaluate('{{ d.y.z }}', { d: { x: 1 } })).variable).toBe('d.y')
  })

  it('a template file error points at its own line and column', () => {
    const e = error(() => renderFile('line one\n{% if x %}\n  {{ x | nofilter }}\n{% endif %}\n', { x: 1 }, { where: { file: 'templates/a.j2' } }))
    expect(e.message).toMatch(/No filter named 'nofilter'/)
    expect(e.position).toEqual({ file: 'templates/a.j2', line: 3, column: 10 })
  })

  it('check() finds syntax errors and unknown filters and tests without evaluating', () => {
    expect(() => check('{{ x | nofilter }}')).toThrow(/No filter named 'nofilter'/)
    expect(() => check('{{ x is nottest }}')).toThrow(/No test named 'nottest'/)
    expect(() => check('{% if x %}', { kind: 'file' })).toThrow(/endif/)
    expect(() => check('x ==', { kind: 'condition' })).toThrow(TemplateError)
    expect(() => check('{{ undefined_var | default(1) }}')).not.toThrow()
    expect(() => check('{% do x.append(1) %}')).toThrow(/unknown tag 'do'/)
  })

  it('a condition that fails says so, as Ansible does', () => {
    const e = error(() => condition('x.y == 1', {}))
    expect(e.message).toMatch(/^error while evaluating conditional \(x\.y == 1\): 'x' is undefined/)
  })

  it("comparing mismatched types is Python's TypeError", () => {
    expect(error(() => evaluate("{{ 'a' < 1 }}", {})).message).toBe("'<' not supported between instances of 'str' and 'int'")
  })
})

describe('did-you-mean for attributes', () => {
  it('suggests the nearest key of the dict that lacked it', () => {
    const e = error(() => evaluate('{{ user.nmae }}', { user: { name: 'x', uid: 1 } }))
    expect(e.message).toBe("'dict object' has no attribute 'nmae'")
    expect(e.hint).toBe("did you mean 'name'?")
  })
})
