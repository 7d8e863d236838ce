// Lazy variables (AnsibleJ2Vars), unsafe values and hostvars scopes: behaviour the oracle's plain
// contexts cannot show, checked directly.
import { describe, expect, it } from 'vitest'
import { TemplateError } from '../../../../src/errors.js'
import { condition, evaluate, render } from '../../../../src/template/jinja/index.js'
import { UnsafeText, markScope, markUnsafe } from '../../../../src/template/markers.js'

describe('lazy variables', () => {
  it('templates a variable when it is read, with the same variables, deeply', () => {
    const vars = { a: '{{ b }}-x', b: '{{ c | upper }}', c: 'z', l: ['{{ c }}', { k: '{{ a }}' }] }
    expect(evaluate('{{ a }}', vars)).toBe('Z-x')
    expect(evaluate('{{ l }}', vars)).toEqual(['z', { k: 'Z-x' }])
  })

  it("applies Ansible's native rule to a variable's own template (a list stays a list)", () => {
    expect(evaluate('{{ x | length }}', { x: '{{ [1, 2, 3] }}' })).toBe('3')
    // a number comes back as a string: Ansible raises here too
    expect(() => evaluate('{{ x + 1 }}', { x: '{{ 41 }}' })).toThrow(/can only concatenate str/)
    expect(evaluate('{{ x | int + 1 }}', { x: '{{ 41 }}' })).toBe('42')
  })

  it('detects recursion and names the chain', () => {
    const err = (() => {
      try {
        evaluate('{{ a }}', { a: '{{ b }}', b: '{{ a }}' })
      } catch (e) {
        return e as TemplateError
      }
    })()
    expect(err).toBeInstanceOf(TemplateError)
    expect(err!.message).toMatch(/recursive loop detected/)
    expect(err!.message).toMatch(/a -> b -> a/)
  })

  it('a variable whose template is undefined is itself undefined, lazily (default() still applies)', () => {
    const vars = { a: '{{ nope }}' }
    expect(evaluate("{{ a | default('d') }}", vars)).toBe('d')
    expect(condition('a is defined', vars)).toBe(false)
    expect(() => evaluate('{{ a }}', vars)).toThrow(/'nope' is undefined/)
  })

  it('never templates unsafe values; UnsafeText reads as its plain string', () => {
    const reg = markUnsafe({ stdout: '{{ not_a_var }}' })
    const vars = { reg, u: new UnsafeText('{{ raw }}') }
    expect(render('{{ reg.stdout }}|{{ u }}', vars)).toBe('{{ not_a_var }}|{{ raw }}')
    expect(evaluate('{{ u }}', vars)).toBe('{{ raw }}')
    expect(evaluate('{{ u | length }}', vars)).toBe('9')
  })

  it("a copy per read: append() changes the render's value, not the variable", () => {
    const vars = { l: [1, 2] }
    expect(render('{% set _ = l.append(3) %}{{ l }}', vars)).toBe('[1, 2, 3]')
    expect(vars.l).toEqual([1, 2])
  })
})

describe('hostvars scopes', () => {
  function inventory() {
    const reads: string[] = []
    const hosts: Record<string, Record<string, unknown>> = {
      node1: markScope({ ip: '10.0.0.1', url: 'https://{{ ip }}:2379', name: 'node1' }),
      node2: markScope({ ip: '10.0.0.2', url: 'https://{{ ip }}:2379', name: 'node2', broken: '{{ nope }}' }),
    }
    const hostvars = new Proxy({} as Record<string, unknown>, {
      has: (_t, k) => typeof k === 'string' && k in hosts,
      get: (_t, k) => {
        if (typeof k !== 'string' || !(k in hosts)) return undefined
        reads.push(k)
        return hosts[k]
      },
      ownKeys: () => {
        throw new Error('hostvars must not be enumerated')
      },
    })
    return { vars: { ...hosts.node1, hostvars, inventory_hostname: 'node1' }, reads }
  }

  it("templates a host's value with that host's variables", () => {
    const { vars } = inventory()
    expect(evaluate("{{ hostvars['node2'].url }}", vars)).toBe('https://10.0.0.2:2379')
    expect(evaluate("{{ hostvars['node2']['url'] }}|{{ url }}", vars)).toBe('https://10.0.0.2:2379|https://10.0.0.1:2379')
  })

  it('reads only the hosts it needs and never enumerates hostvars', () => {
    const { vars, reads } = inventory()
    expect(condition("hostvars['node2'].ip == '10.0.0.2' and hostvars['nodeX'] is not defined", vars)).toBe(true)
    expect(reads).toEqual(['node2'])
  })

  it("a host's undefined template comes back as its text (HostVarsVars: fail_on_undefined=False)", () => {
    const { vars } = inventory()
    expect(evaluate("{{ hostvars['node2'].broken }}", vars)).toBe('{{ nope }}')
  })

  it('a missing host or key is undefined, with the path in the error', () => {
    const { vars } = inventory()
    expect(evaluate("{{ hostvars['nodeX'].ip | default('none') }}", vars)).toBe('none')
    try {
      evaluate("{{ hostvars['node2'].missing }}", vars)
      expect.unreachable()
    } catch (e) {
      expect((e as TemplateError).variable).toBe("hostvars['node2'].missing")
    }
  })

  it('extract and map over hostvars read each host through its scope', () => {
    const { vars } = inventory()
    const v = { ...vars, groups: { all: ['node1', 'node2'] } }
    expect(evaluate("{{ groups['all'] | map('extract', hostvars, 'url') | list }}", v)).toEqual(['https://10.0.0.1:2379', 'https://10.0.0.2:2379'])
    expect(evaluate("{{ groups['all'] | map('extract', hostvars, ['name']) | join(',') }}", v)).toBe('node1,node2')
    expect(evaluate("{% for h in groups['all'] %}{{ hostvars[h]['ip'] }} {% endfor %}", v)).toBe('10.0.0.1 10.0.0.2 ')
  })
})
