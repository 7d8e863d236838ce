// What the template engines must know about a value besides the value itself, shared by every engine:
//   unsafe  data that is never templated: registered results, facts, command output (markUnsafe), and
//           YAML's `!unsafe` scalars (UnsafeText)
//   scope   one host's complete variables (a hostvars entry): a template found under it expands with
//           that host's variables, not the current host's (markScope)

import { UnsafeText } from '../util/unsafe-text.js'

export { UnsafeText }

const unsafeObjects = new WeakSet<object>()
const scopes = new WeakSet<object>()

/** Values under `node` are data, never templates. Returns `node`. */
export function markUnsafe<T>(node: T): T {
  if (typeof node === 'object' && node !== null) unsafeObjects.add(node)
  return node
}

/** True for a markUnsafe object or an UnsafeText string. */
export function isUnsafe(value: unknown): boolean {
  return value instanceof UnsafeText || (typeof value === 'object' && value !== null && unsafeObjects.has(value))
}

/** `vars` is one host's complete variables: templates found under it expand with it. Returns `vars`. */
export function markScope<T>(vars: T): T {
  if (typeof vars === 'object' && vars !== null) scopes.add(vars)
  return vars
}

export function isScope(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && scopes.has(value)
}
