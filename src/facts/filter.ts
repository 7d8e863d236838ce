// setup's `filter`: shell-style patterns (Python's fnmatch) over fact names; a pattern without the
// `ansible_` prefix also matches the prefixed name, as in ansible-core.
import { fnmatchRegExp } from '../util/fnmatch.js'

/** The facts whose names match one of `patterns` (all of them when there is none, or `*`). */
export function filterFacts(facts: Record<string, unknown>, patterns: string[]): Record<string, unknown> {
  if (!patterns.length || (patterns.length === 1 && patterns[0] === '*')) return facts
  const tests = patterns.map((p) => {
    if (!p) return () => true
    const plain = fnmatchRegExp(p)
    const prefixed = /^(ansible_|facter|ohai)/.test(p) ? undefined : fnmatchRegExp(`ansible_${p}`)
    return (k: string) => plain.test(k) || (prefixed?.test(k) ?? false)
  })
  return Object.fromEntries(Object.entries(facts).filter(([k]) => tests.some((t) => t(k))))
}

/** filter as given: a list, or a comma-separated string */
export function filterList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return []
  const items = Array.isArray(value) ? value : [value]
  return items.flatMap((v) => String(v).split(',')).map((s) => s.trim())
}
