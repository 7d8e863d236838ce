// The structure issue 14 asked for, read from the source so it cannot drift: imports run one way, results
// reach a host in one place, and each rule (booleans, YAML reading, shell words, keyword inheritance) has
// one implementation.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { cycles, importGraph } from './import-graph.js'

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url))
const edges = importGraph(SRC)
const folder = (file: string) => (file.includes('/') ? file.split('/')[0] : '(root)')

function sources(dir = SRC): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') ? [{ file: relative(SRC, path), text: readFileSync(path, 'utf8') }] : []
  })
}

/** Files with a line (comments aside, and lines matching `except`) that matches `pattern`. */
function filesMatching(pattern: RegExp, except?: RegExp): string[] {
  const counts = (line: string) => !/^\s*(\/\/|\*|\/\*)/.test(line) && pattern.test(line) && !except?.test(line)
  return sources()
    .filter(({ text }) => text.split('\n').some(counts))
    .map(({ file }) => file)
    .sort()
}

describe('imports', () => {
  it('have no cycle among src/ files, type-only imports included', () => {
    expect(cycles(edges)).toEqual([])
  })

  it('run one way between folders (the folder graph has no cycle)', () => {
    const folderEdges = edges.filter((e) => folder(e.from) !== folder(e.to)).map((e) => ({ from: folder(e.from), to: folder(e.to), typeOnly: false }))
    expect(cycles(folderEdges)).toEqual([])
  })

  it('the executor owns its event contract: it imports nothing from reporters/', () => {
    expect(edges.filter((e) => folder(e.from) === 'executor' && folder(e.to) === 'reporters')).toEqual([])
  })

  it('the graph reader sees real imports (a canary)', () => {
    expect(edges).toContainEqual({ from: 'executor/walk.ts', to: 'executor/settle.ts', typeOnly: false })
    expect(edges).toContainEqual({ from: 'reporters/human.ts', to: 'executor/events.ts', typeOnly: true })
  })
})

describe('one home per rule', () => {
  it("results reach a host only in executor/settle.ts (failed, unreachable, stats)", () => {
    const writes = /\.(failed|unreachable|failureSerial)\s*=[^=]|\.stats\.\w+\s*(\+\+|--|[-+]?=[^=])/
    expect(filesMatching(writes).filter((f) => f.startsWith('executor/'))).toEqual(['executor/settle.ts'])
  })

  it("booleans: yes/no word tables only in util/boolean.ts (Ansible's boolean())", () => {
    const table = /['"](yes|on|true)['"][^\n]*['"](no|off|false|1)['"]/
    expect(filesMatching(table, /\benum\b/)).toEqual(['util/boolean.ts']) // a module's choices are no boolean
  })

  it('YAML is parsed only in util/yaml.ts', () => {
    expect(filesMatching(/\byaml\.(load|loadAll|safeLoad)\(/)).toEqual(['util/yaml.ts'])
  })

  it("shell words are split only by util/shlex.ts (Python's shlex)", () => {
    expect(filesMatching(/function\s+\w*(shlex|splitWords|shellWords|splitShell)\w*\s*\(/i)).toEqual(['util/shlex.ts'])
  })

  it('keyword inheritance lives only in executor/scope.ts', () => {
    expect(filesMatching(/function\s+(extendScope|effectiveKeywords|inheritKeywords)\b/)).toEqual(['executor/scope.ts'])
  })
})
