// AnsibleUndefined: attribute and item access chain (returning the same Undefined, so the first failure
// is the one reported); printing, iterating, comparing, arithmetic and most filters raise.
import { suggestion } from '../../util/did-you-mean.js'
import { JinjaError } from './errors.js'

export class Undefined {
  readonly strict: boolean = true
  constructor(
    /** The missing name or key. */
    readonly name?: string | number,
    /** The object the name was looked up on (hasObj false: a missing variable). */
    readonly obj?: unknown,
    readonly hasObj = false,
    /** The dotted path of the expression that produced it, for TemplateError.variable. */
    readonly path?: string,
    readonly hint?: string,
    readonly candidates?: () => Iterable<string>,
  ) {}

  message(): string {
    if (this.hint) return this.hint
    if (!this.hasObj) return `'${this.name}' is undefined`
    const o = objectTypeRepr(this.obj)
    if (typeof this.name === 'number') return `${o} has no element ${this.name}`
    return `${o} has no attribute '${this.name}'`
  }

  /** Where in the template text it came from (the first place that made it). */
  pos?: number

  fail(): never {
    throw new JinjaError(this.message(), 'undefined', this.pos, this.path ?? (typeof this.name === 'string' ? this.name : undefined), this.suggest())
  }

  /** A did-you-mean among the keys of the dict that lacked the attribute. */
  suggest(): string | undefined {
    const obj = this.obj
    if (!this.hasObj || typeof this.name !== 'string' || typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined
    try {
      const keys = Object.keys(obj)
      return keys.length <= 5000 ? suggestion(this.name, keys) : undefined
    } catch {
      return undefined // a Proxy that cannot be enumerated (hostvars)
    }
  }
}

/**
 * Jinja's plain Undefined, which Ansible's strictness does not reach: the value of `x if cond` without
 * an else. It prints as '', is false and iterates as empty.
 */
export class LenientUndefined extends Undefined {
  override readonly strict = false
}

export function objectTypeRepr(obj: unknown): string {
  if (obj === null || obj === undefined) return 'None'
  if (Array.isArray(obj)) return "'list object'"
  if (typeof obj === 'string' || obj instanceof String) return "'str object'"
  if (typeof obj === 'number') return Number.isInteger(obj) ? "'int object'" : "'float object'"
  if (typeof obj === 'boolean') return "'bool object'"
  const named = (obj as { pyType?: string }).pyType
  if (named) return `'${named} object'`
  return "'dict object'"
}

export function isUndefined(v: unknown): v is Undefined {
  return v instanceof Undefined
}
