import { describe, expect, it } from 'vitest'
import { checkSyntax, evaluate, markScope, markUnsafe, render, renderValue } from '../../../src/template/index.js'
import { TemplateError } from '../../../src/errors.js'

const vars = {
  port: 2379,
  list: [3, 1, 2],
  name: 'etcd',
  url: 'http://{{ hostvars.node1.ip }}:{{ port }}',
  hostvars: { node1: { ip: '10.1.0.1' }, 'node-2': { ip: '10.1.0.2' } },
  groups: { 'kube-master': ['node1', 'node-2'], etcd: ['node1'] },
  result: { rc: 0, changed: true, stdout: 'ok' },
  empty: '',
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

describe('native values', () => {
  it('a single {{ expression }} keeps its type', () => {
    expect(evaluate('{{ list }}', vars)).toEqual([3, 1, 2])
    expect(evaluate('{{ port }}', vars)).toBe(2379)
    expect(evaluate(' {{ sort list }} ', vars)).toEqual([1, 2, 3])
    expect(evaluate('{{ hostvars.node1 }}', vars)).toEqual({ ip: '10.1.0.1' })
    expect(evaluate('{{ gt port 1024 }}', vars)).toBe(true)
    expect(evaluate('{{ int "42" }}', vars)).toBe(42)
  })

  it('mixed text renders to a string', () => {
    expect(evaluate('port {{ port }}', vars)).toBe('port 2379')
    expect(render('{{ list }}', vars)).toBe('[3,1,2]')
    expect(evaluate('plain', vars)).toBe('plain')
  })

  it('renderValue walks dicts and lists, keys included', () => {
    expect(renderValue({ a: ['{{ port }}', 'x{{ name }}'], '{{ name }}_key': { n: '{{ list }}' }, k: 5 }, vars)).toEqual({
      a: [2379, 'xetcd'],
      etcd_key: { n: [3, 1, 2] },
      k: 5,
    })
  })
})

describe('variables', () => {
  it('reads dotted paths and hyphenated names with [segment] syntax', () => {
    expect(evaluate('{{ hostvars.[node-2].ip }}', vars)).toBe('10.1.0.2')
    expect(evaluate('{{ groups.[kube-master] }}', vars)).toEqual(['node1', 'node-2'])
    expect(evaluate('{{ first groups.[kube-master] }}', vars)).toBe('node1')
    expect(evaluate('{{ lookup hostvars "node-2" }}', vars)).toEqual({ ip: '10.1.0.2' })
  })

  it('indexes lists with .N (Ansible style) as well as .[N]', () => {
    expect(evaluate('{{ list.0 }}', vars)).toBe(3)
    expect(evaluate('{{ groups.[kube-master].1 }}', vars)).toBe('node-2')
    expect(evaluate('{{ eq name "v1.2" }}', vars)).toBe(false) // strings and numbers untouched
    expect(evaluate('{{ gt 1.5 1 }}', vars)).toBe(true)
  })

  it('expands variables whose values are templates (lazily, like Ansible)', () => {
    expect(evaluate('{{ url }}', vars)).toBe('http://10.1.0.1:2379')
    expect(evaluate('{{ a }}', { a: '{{ b }}', b: [1] })).toEqual([1])
  })

  it('does not expand values under markUnsafe (command output is data)', () => {
    const registered = markUnsafe({ stdout: 'literal {{ port }}' })
    expect(evaluate('{{ r.stdout }}', { ...vars, r: registered })).toBe('literal {{ port }}')
  })

  it('expands another host\'s variables with that host\'s variables (markScope)', () => {
    const node1 = markScope({ ansible_host: '10.0.0.1', url: 'http://{{ ansible_host }}:2379' })
    const node2 = markScope({ ansible_host: '10.0.0.2', url: 'http://{{ ansible_host }}:2379' })
    const me = { ...node1, hostvars: { node1, node2 } }
    expect(evaluate('{{ url }}', me)).toBe('http://10.0.0.1:2379')
    expect(evaluate('{{ hostvars.node2.url }}', me)).toBe('http://10.0.0.2:2379')
    expect(render('{{#each hostvars}}{{ url }} {{/each}}', me)).toBe('http://10.0.0.1:2379 http://10.0.0.2:2379 ')
    expect(evaluate('{{ map (extract (list "node1" "node2") hostvars) "ansible_host" }}', me)).toEqual(['10.0.0.1', '10.0.0.2'])
  })

  it('detects a variable that refers to itself', () => {
    const e = templateError(() => evaluate('{{ a }}', { a: '{{ b }}', b: '{{ a }}' }, { where: { file: 'p.yml', line: 4 } }))
    expect(e.describe()).toBe("p.yml:4: variable 'a' refers to itself (a → b → a)")
  })

  it('a mustache without arguments is a variable even if named like a helper', () => {
    expect(evaluate('{{ changed }}', { changed: 5 })).toBe(5)
  })

  it('iterates with #each and branches with #if', () => {
    expect(render('{{#each groups.[kube-master]}}{{@index}}={{this}};{{/each}}', vars)).toBe('0=node1;1=node-2;')
    expect(render('{{#each list as |n|}}{{n}}{{/each}}', vars)).toBe('312')
    expect(render('{{#if (gt port 1000)}}high{{else}}low{{/if}}', vars)).toBe('high')
    expect(render('{{#each hostvars}}{{@key}}:{{ip}} {{/each}}', vars)).toBe('node1:10.1.0.1 node-2:10.1.0.2 ')
  })

  it('does not HTML-escape', () => {
    expect(render('{{ v }}', { v: '<a & "b">' })).toBe('<a & "b">')
  })
})

describe('undefined variables', () => {
  const ctx = { where: { file: 'site.yml', line: 12 }, task: 'Install etcd' }

  it('name the variable, the task and file:line', () => {
    const e = templateError(() => render('x={{ missing }}', vars, ctx))
    expect(e.describe()).toBe("site.yml:12: undefined variable 'missing' in task 'Install etcd'")
    expect(e.variable).toBe('missing')
  })

  it('in helper arguments too (Handlebars strict mode misses these)', () => {
    expect(templateError(() => render('{{ upper missing }}', vars, ctx)).describe()).toContain("undefined variable 'missing'")
    expect(templateError(() => render('{{#each missing}}x{{/each}}', vars, ctx)).describe()).toContain("undefined variable 'missing'")
  })

  it('say which key is missing and suggest the nearest', () => {
    const e = templateError(() => render('{{ result.rcc }}', vars, ctx))
    expect(e.describe()).toBe("site.yml:12: undefined variable 'result.rcc' in task 'Install etcd': 'result' has no key 'rcc' (did you mean 'result.rc'?)")
    expect(templateError(() => render('{{ nmae }}', vars, ctx)).hint).toBe("did you mean 'name'?")
  })

  it('point at the template line for template files', () => {
    const e = templateError(() => render('a\nb\n{{ nope }}\n', vars, { where: { file: 'roles/x/templates/c.j2' }, isFile: true }))
    expect(e.describe()).toMatch(/^roles\/x\/templates\/c\.j2:3: undefined variable 'nope'/)
  })

  it('default, defined and undefined accept them', () => {
    expect(evaluate('{{ default missing "d" }}', vars)).toBe('d')
    expect(evaluate('{{ default missing.deep 7 }}', vars)).toBe(7)
    expect(evaluate('{{ default port 1 }}', vars)).toBe(2379)
    expect(evaluate('{{ default empty "x" true }}', vars)).toBe('x')
    expect(evaluate('{{ defined missing }}', vars)).toBe(false)
    expect(evaluate('{{ undefined missing }}', vars)).toBe(true)
    expect(evaluate('{{ defined port }}', vars)).toBe(true)
  })
})

describe('syntax errors', () => {
  it('hint at Handlebars spelling for Jinja filters', () => {
    const e = templateError(() => checkSyntax("{{ x | default('a') }}", { where: { file: 'a.yml', line: 2 } }))
    expect(e.describe()).toMatch(/^a\.yml:2: cannot parse template .*unexpected '\|'/)
    expect(e.hint).toContain("{{ default x 'a' }}")
  })

  it('hint at .[key] and lookup for Jinja subscripts', () => {
    expect(templateError(() => checkSyntax("{{ hostvars[inventory_hostname]['ip'] }}")).hint).toContain('(lookup hostvars inventory_hostname)')
  })

  it('hint at {{#if}} for {% %} blocks', () => {
    expect(templateError(() => checkSyntax('{{ a }}{% if x %}y{% endif %}')).hint ?? '').toContain('{{#if x}}')
  })

  it('unknown helpers get a suggestion', () => {
    const e = templateError(() => render('{{ uper name }}', vars, { where: { file: 'a.yml', line: 9 } }))
    expect(e.describe()).toBe("a.yml:9: unknown helper 'uper' (did you mean 'upper'?)")
  })

  it('a literal {{ is written \\{{, and a parse error says so', () => {
    expect(render("docker inspect --format '\\{{.State.Running}}' etcd", vars)).toBe("docker inspect --format '{{.State.Running}}' etcd")
    expect(templateError(() => checkSyntax("--format '{{.State.Running}}'")).hint).toContain('\\{{')
  })

  it('partials are refused', () => {
    expect(() => checkSyntax('{{> header }}')).toThrowError(/partials/)
  })
})

describe('compile cache', () => {
  it('renders a cached template with new variables', () => {
    const t = 'cache {{ n }}'
    expect(render(t, { n: 1 })).toBe('cache 1')
    expect(render(t, { n: 2 })).toBe('cache 2')
  })

  it('is fast enough for many hosts', () => {
    const start = performance.now()
    for (let i = 0; i < 10_000; i++) render('http://{{ hostvars.node1.ip }}:{{ port }}/{{ i }}', { ...vars, i })
    expect(performance.now() - start).toBeLessThan(3000) // ~25 µs each on an idle core
  })
})
