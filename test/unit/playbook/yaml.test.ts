import { describe, expect, it } from 'vitest'
import { parseYaml, sourceMapOf } from '../../../src/playbook/yaml.js'
import { ConfigError } from '../../../src/errors.js'
import { UnsafeText, isUnsafe } from '../../../src/template/markers.js'

const text = `# comment
- name: play
  hosts: all

  tasks:
    - name: first
      command: echo hi
      notify: [a, b]
    -   debug:
          msg: "{{ x }}"
        when: y
  vars: &v
    a: 1
  other: *v
`

describe('parseYaml', () => {
  const { data, map } = parseYaml(text, 'site.yml')
  const play = (data as Record<string, unknown>[])[0]
  const tasks = play.tasks as Record<string, unknown>[]

  it('records where mappings and sequences start', () => {
    expect(map.of(play)).toEqual({ file: 'site.yml', line: 2, column: 3 })
    expect(map.of(tasks)).toEqual({ file: 'site.yml', line: 6, column: 5 })
    expect(map.of(tasks[0])).toMatchObject({ line: 6, column: 7 })
    expect(map.of(tasks[1])).toMatchObject({ line: 9, column: 9 })
    expect(map.of(tasks[1].debug)).toMatchObject({ line: 10, column: 11 })
  })

  it('records where every key is written', () => {
    expect(map.key(play, 'hosts')).toEqual({ file: 'site.yml', line: 3, column: 3 })
    expect(map.key(play, 'tasks')).toMatchObject({ line: 5 })
    expect(map.key(tasks[0], 'notify')).toMatchObject({ line: 8, column: 7 })
    expect(map.key(tasks[1], 'when')).toMatchObject({ line: 11, column: 9 })
    expect(map.key(tasks, 1)).toMatchObject({ line: 9 })
  })

  it('keeps an anchor at its own position when aliased', () => {
    expect(play.other).toBe(play.vars)
    expect(map.of(play.vars)).toMatchObject({ line: 12 }) // the node starts at its anchor, `vars: &v`
    expect(map.key(play, "other")).toMatchObject({ line: 14 })
  })

  it('finds the source map from any node', () => {
    expect(sourceMapOf(tasks[0])).toBe(map)
  })

  it('reports bad YAML with file:line:column', () => {
    expect(() => parseYaml('a: 1\n b: 2\n', 'bad.yml')).toThrowError(ConfigError)
    try {
      parseYaml('- a: 1\n  b: [1, 2\n', 'bad.yml')
    } catch (e) {
      expect((e as ConfigError).describe()).toMatch(/^bad\.yml:3:\d+: invalid YAML: /)
    }
  })
})

describe('YAML 1.1, as Ansible (PyYAML) reads it', () => {
  it('yes/no/on/off are booleans; y/n and quoted values are not changed; 0644 is octal', () => {
    const { data } = parseYaml('a: yes\nb: No\nc: ON\nd: off\ne: y\nf: "yes"\ng: true\nh: 0644\ni: "0644"\nj: 1_000\n', 'v.yml')
    expect(data).toEqual({ a: true, b: false, c: true, d: false, e: 'y', f: 'yes', g: true, h: 0o644, i: '0644', j: 1000 })
  })

  it('reads !unsafe as text no engine templates', () => {
    const { data } = parseYaml("a: !unsafe '{{ x }}'\n", 'v.yml')
    const a = (data as { a: unknown }).a
    expect(a).toBeInstanceOf(UnsafeText)
    expect(isUnsafe(a)).toBe(true)
    expect(String(a)).toBe('{{ x }}')
  })
})
