// The import graph of src/, read from the source text: which file imports which, and whether only types.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export interface Edge {
  from: string // src-relative path, e.g. 'executor/walk.ts'
  to: string
  typeOnly: boolean
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"](\.[^'"]+)['"]/gm
const SIDE_EFFECT = /^\s*import\s+['"](\.[^'"]+)['"]/gm
const DYNAMIC = /\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Every relative import between files under `root`; dynamic import() counts as a value import. */
export function importGraph(root: string): Edge[] {
  const edges: Edge[] = []
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8')
    const from = relative(root, file)
    const target = (spec: string) => relative(root, resolve(dirname(file), spec.replace(/\.js$/, '.ts')))
    for (const m of text.matchAll(IMPORT)) {
      // `import { type A, type B }` is type-only too
      const names = m[3].replace(/^\{|\}$/g, '').split(',').map((s) => s.trim()).filter(Boolean)
      const typeOnly = Boolean(m[2]) || (m[3].startsWith('{') && names.length > 0 && names.every((n) => n.startsWith('type ')))
      edges.push({ from, to: target(m[4]), typeOnly })
    }
    for (const m of text.matchAll(SIDE_EFFECT)) edges.push({ from, to: target(m[1]), typeOnly: false })
    for (const m of text.matchAll(DYNAMIC)) edges.push({ from, to: target(m[1]), typeOnly: false })
  }
  return edges
}

/** Strongly connected components with more than one file (Tarjan): each is an import cycle. */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of next.keys()) if (!idx.has(v)) visit(v)
  return out
}
