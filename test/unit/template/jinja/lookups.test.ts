// Controller-side lookups against a scratch directory laid out like a role and a playbook.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../../src/template/jinja/index.js'

const dir = mkdtempSync(join(tmpdir(), 'tsplay-lookups-'))
for (const d of ['files', 'templates']) mkdirSync(join(dir, d))
writeFileSync(join(dir, 'files', 'a.txt'), 'hello\n\n')
writeFileSync(join(dir, 'files', 'b.conf'), 'x')
writeFileSync(join(dir, 'files', 'c.conf'), 'y')
writeFileSync(join(dir, 'files', 'db.ini'), '[global]\nuser = admin\n[prod]\nuser = root\n')
writeFileSync(join(dir, 'files', 'users.csv'), 'alice,1001,wheel\nbob,1002,users\n')
writeFileSync(join(dir, 'templates', 't.j2'), '{{ greeting }} {{ extra | default("") }}\n')
const lookups = { searchPaths: [dir], playbookDir: dir, env: { HOME: '/home/x' } }
const ev = (text: string, vars: Record<string, unknown> = {}) => evaluate(text, { greeting: 'hi', ...vars }, { lookups })

describe('lookups', () => {
  it('file, template, env, vars', () => {
    expect(ev("{{ lookup('file', 'a.txt') }}")).toBe('hello')
    expect(ev("{{ lookup('template', 't.j2') }}")).toBe('hi \n')
    expect(ev("{{ lookup('template', 't.j2', template_vars={'extra': 'there'}) }}")).toBe('hi there\n')
    expect(ev("{{ lookup('env', 'HOME') }}")).toBe('/home/x')
    expect(ev("{{ lookup('vars', 'greeting') }}")).toBe('hi')
  })

  it('first_found, fileglob, ini, csvfile', () => {
    expect(ev("{{ lookup('first_found', ['nope.txt', 'a.txt']) }}")).toBe(join(dir, 'files', 'a.txt'))
    expect(ev("{{ lookup('first_found', ['nope.txt'], skip=True) }}")).toEqual([])
    expect(ev("{{ query('fileglob', '*.conf') | map('basename') | list }}")).toEqual(['b.conf', 'c.conf'])
    expect(ev("{{ lookup('ini', 'user section=prod file=db.ini') }}")).toBe('root')
    expect(ev("{{ lookup('csvfile', 'bob file=users.csv delimiter=, col=2') }}")).toBe('users')
  })

  it('wantlist, query and errors=', () => {
    expect(ev("{{ lookup('items', [1, 2], wantlist=True) }}")).toEqual([1, 2])
    expect(ev("{{ query('file', 'a.txt') }}")).toEqual(['hello'])
    expect(() => ev("{{ lookup('file', 'missing.txt') }}")).toThrow(/could not locate file in lookup: missing.txt/)
    expect(ev("{{ lookup('file', 'missing.txt', errors='ignore') }}")).toBe('')
    expect(ev("{{ query('file', 'missing.txt', errors='ignore') }}")).toEqual([])
  })

  it('an unknown lookup is an error naming it, with a did-you-mean', () => {
    expect(() => ev("{{ lookup('fiel', 'a.txt') }}")).toThrow(/lookup plugin \(fiel\) not found/)
    try {
      ev("{{ lookup('fiel', 'a.txt') }}")
    } catch (e) {
      expect((e as { hint?: string }).hint).toContain("did you mean 'file'?")
    }
  })

  it('password writes its file once and reads it back', () => {
    const p1 = ev("{{ lookup('password', 'creds/db length=12 chars=digits') }}") as string
    expect(p1).toMatch(/^\d{12}$/)
    expect(readFileSync(join(dir, 'creds', 'db'), 'utf8').trim()).toBe(p1)
    expect(ev("{{ lookup('password', 'creds/db length=12 chars=digits') }}")).toBe(p1)
    expect(existsSync(join(dir, 'creds', 'db'))).toBe(true)
  })

  it('sequence and the with_* reshaping lookups', () => {
    expect(ev("{{ query('sequence', 'start=1 end=3 format=n%02d') }}")).toEqual(['n01', 'n02', 'n03'])
    expect(ev("{{ query('nested', ['a', 'b'], [1, 2]) }}")).toEqual([['a', 1], ['a', 2], ['b', 1], ['b', 2]])
    expect(ev("{{ query('together', ['a', 'b'], [1]) }}")).toEqual([['a', 1], ['b', null]])
  })
})

describe('template lookup variables', () => {
  it("adds Ansible's template_* variables and ansible_managed", () => {
    writeFileSync(join(dir, 'templates', 'vars.j2'), '{{ template_path }}|{{ ansible_managed }}|{{ template_fullpath == tf }}')
    expect(ev("{{ lookup('template', 'vars.j2') }}", { tf: join(dir, 'templates', 'vars.j2') })).toBe('vars.j2|Ansible managed|True')
  })
})
