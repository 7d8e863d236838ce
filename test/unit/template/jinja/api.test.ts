// The engine-neutral API: evaluateDeep, renderFile (header, include/import), freeVariables, isTemplate.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { condition, evaluate, evaluateDeep, freeVariables, isTemplate, render, renderFile } from '../../../../src/template/jinja/index.js'
import { UnsafeText } from '../../../../src/template/markers.js'

describe('evaluate / evaluateDeep / render', () => {
  it("follows ansible_concat's native rule (the oracle's answers)", () => {
    const vars = { n: 3, l: [1, 'a'], flag: true }
    expect(evaluate('{{ n }}', vars)).toBe(3) // a lone variable holding a number passes as is
    expect(evaluate('{{ n + 1 }}', vars)).toBe('4') // any other number comes back as a string
    expect(evaluate('{{ l }}', vars)).toEqual([1, 'a'])
    expect(evaluate('{{ flag }}', vars)).toBe(true)
    expect(evaluate("{{ 'True' }}", vars)).toBe(true)
    expect(evaluate('{{ 4 / 2 }}', vars)).toBe('2.0')
    expect(evaluate('[{{ n }}]', vars)).toEqual([3])
    expect(evaluate('{{ l | to_json }}', vars)).toBe('[1, "a"]') // to_json's text is never literal_eval'ed
    expect(evaluate('plain text', vars)).toBe('plain text')
  })

  it('evaluateDeep templates strings and keys, rebuilding only what changed', () => {
    const same = { a: 1, b: ['x'] }
    const value = { keep: same, '{{ k }}': '{{ v }}', list: ['{{ v }}', 2], u: new UnsafeText('{{ v }}') }
    const out = evaluateDeep(value, { k: 'key', v: 'val' }) as Record<string, unknown>
    expect(out).toEqual({ keep: same, key: 'val', list: ['val', 2], u: '{{ v }}' })
    expect(out.keep).toBe(same)
    expect(evaluateDeep(same, {})).toBe(same)
  })

  it('render() is convert_data=False: Python str() of the result', () => {
    expect(render('{{ [1, none] }}', {})).toBe('[1, None]')
    expect(render('{{ x }}', { x: false })).toBe('False')
    expect(render('{{ x }}', { x: null })).toBe('None')
  })
})

describe('renderFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-jinja-'))
  mkdirSync(join(dir, 'templates'))
  writeFileSync(join(dir, 'templates', 'part.j2'), 'part {{ who }}\n')
  writeFileSync(join(dir, 'templates', 'macros.j2'), '{% macro hi(n) %}hi {{ n }}{% endmacro %}{% set exported = 42 %}')
  const lookups = { searchPaths: [dir] }

  it('keeps trailing newlines, trims blocks, honours the #jinja2: header', () => {
    expect(renderFile('{% if x %}\nyes\n{% endif %}\n\n', { x: 1 })).toBe('yes\n\n')
    expect(renderFile('#jinja2: trim_blocks: False\n{% if x %}\nyes\n{% endif %}\n', { x: 1 })).toBe('\nyes\n')
    expect(renderFile('#jinja2: lstrip_blocks: True\n  {% if x %}\n  yes\n  {% endif %}\n', { x: 1 })).toBe('  yes\n')
  })

  it('include and import find templates through the search path', () => {
    expect(renderFile("[{% include 'part.j2' %}]", { who: 'me' }, { lookups })).toBe('[part me]')
    expect(renderFile("{% import 'macros.j2' as m %}{{ m.hi(1) }} {{ m.exported }}", {}, { lookups })).toBe('hi 1 42')
    expect(renderFile("{% from 'macros.j2' import hi %}{{ hi(2) }}", {}, { lookups })).toBe('hi 2')
    expect(renderFile("{% include 'missing.j2' ignore missing %}ok", {}, { lookups })).toBe('ok')
    expect(() => renderFile("{% include 'missing.j2' %}", {}, { lookups })).toThrow(/template not found: missing.j2/)
  })
})

describe('freeVariables and isTemplate', () => {
  it('lists what a template reads from its context, not its own names', () => {
    const names = freeVariables("{% set x = a %}{% for i in items if i != skip %}{{ i }}{{ loop.index }}{{ x }}{% endfor %}{% macro m(p) %}{{ p }}{{ q }}{% endmacro %}{{ lookup('env', 'H') }}")
    expect([...names].sort()).toEqual(['a', 'items', 'q', 'skip'])
    expect([...freeVariables('a.b is defined and c', 'condition')].sort()).toEqual(['a', 'c'])
  })

  it('isTemplate needs a complete tag', () => {
    expect(isTemplate('{{ x }}')).toBe(true)
    expect(isTemplate('a {% if x %}b{% endif %}')).toBe(true)
    expect(isTemplate('just {{ text')).toBe(false)
    expect(isTemplate({ k: ['{{ y }}'] })).toBe(true)
    expect(isTemplate(['a', 1])).toBe(false)
  })
})

describe('conditions', () => {
  it("warns as Ansible does when a condition holds {{ }}, and gives the same answer", () => {
    const warnings: string[] = []
    expect(condition("{{ x == 'a' }}", { x: 'a' }, { warn: (m) => warnings.push(m) })).toBe(true)
    expect(condition("x == 'a'", { x: 'a' }, { warn: (m) => warnings.push(m) })).toBe(true)
    expect(warnings).toEqual(["conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: {{ x == 'a' }}"])
  })

  it('booleans pass through; a string is an expression, so "false" is a defined name or an error', () => {
    expect(condition(false, {})).toBe(false)
    expect(condition('false', {})).toBe(false)
    expect(condition("'false'", {})).toBe(true)
    expect(condition('x is defined', {})).toBe(false)
  })

  it('an undefined name the condition itself tests for decides the result (2.14)', () => {
    // `z` fails on its own use; the condition's own `z is defined` / `z is undefined` then decides
    expect(condition('z is defined or z', {})).toBe(false)
    expect(condition('z is undefined and z', {})).toBe(true)
    expect(() => condition('x.y is defined or z', {})).toThrow(/'z' is undefined/)
  })
})
