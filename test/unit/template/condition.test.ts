import { describe, expect, it } from 'vitest'
import { evaluateCondition, jinjaCondition } from '../../../src/template/index.js'
import { TemplateError } from '../../../src/errors.js'

const vars = { result: { rc: 0, changed: true }, enabled: 'yes', disabled: false, port: 8080, groups: { etcd: ['n1'] }, inventory_hostname: 'n1' }
const where = { file: 'site.yml', line: 7 }

describe('evaluateCondition', () => {
  it('takes Handlebars expressions with or without braces', () => {
    expect(evaluateCondition('eq result.rc 0', vars)).toBe(true)
    expect(evaluateCondition('{{ eq result.rc 0 }}', vars)).toBe(true)
    expect(evaluateCondition('enabled', vars)).toBe(true)
    expect(evaluateCondition('not disabled', vars)).toBe(true)
    expect(evaluateCondition('(and (defined port) (gt port 1024))', vars)).toBe(true)
    expect(evaluateCondition('in inventory_hostname groups.etcd', vars)).toBe(true)
    expect(evaluateCondition('changed result', vars)).toBe(true)
  })

  it('literals and lists (all must hold)', () => {
    expect(evaluateCondition(true, vars)).toBe(true)
    expect(evaluateCondition(false, vars)).toBe(false)
    expect(evaluateCondition(['enabled', 'eq port 8080'], vars)).toBe(true)
    expect(evaluateCondition(['enabled', 'disabled'], vars)).toBe(false)
  })

  it('an undefined variable is an error, unless guarded with defined', () => {
    expect(() => evaluateCondition('missing', vars, { where })).toThrowError("undefined variable 'missing'")
    expect(evaluateCondition('(and (defined missing) missing)', vars)).toBe(false)
  })

  it('rejects Jinja infix conditions with the Handlebars spelling', () => {
    try {
      evaluateCondition('result.rc == 0', vars, { where })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError)
      expect((e as TemplateError).describe()).toBe(
        "site.yml:7: condition 'result.rc == 0' is Jinja syntax; tsplay conditions are Handlebars expressions (write: eq result.rc 0)",
      )
    }
  })

  it('translates the common Jinja forms in hints', () => {
    expect(jinjaCondition('x is defined')).toBe('defined x')
    expect(jinjaCondition('x is not defined')).toBe('undefined x')
    expect(jinjaCondition('result is succeeded')).toBe('succeeded result')
    expect(jinjaCondition('a not in b')).toBe('not (in a b)')
    expect(jinjaCondition('flag | bool')).toBe('bool flag')
    expect(jinjaCondition("inventory_hostname == groups['etcd'][0]")).toBe('eq inventory_hostname groups.[etcd].0')
    expect(jinjaCondition('eq a b')).toBeUndefined()
    expect(jinjaCondition('enabled')).toBeUndefined()
  })
})

describe('short-circuit', () => {
  it('and/or only require the arguments they reach', () => {
    expect(evaluateCondition('and (defined missing) missing.deep', vars)).toBe(false)
    expect(evaluateCondition('or (undefined missing) missing', vars)).toBe(true)
    expect(() => evaluateCondition('and true missing', vars)).toThrowError("undefined variable 'missing'")
    expect(evaluateCondition('{{ ternary (defined missing) missing "fallback" }}', vars)).toBe(true)
  })
})
