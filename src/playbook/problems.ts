// Errors the loader can go on after. `tsplay run` stops at the first (nothing may run from a broken
// playbook); `tsplay check` collects them all, so one pass shows every problem of a file.
import { ConfigError } from '../errors.js'
import { schemaProblems, validateSchema, type SchemaName } from './validate.js'
import type { SourceMap } from './yaml.js'

export class Problems {
  readonly errors: ConfigError[] = []

  constructor(private readonly collecting = false) {}

  /** `fn()`, or — when collecting — `fallback` with fn's ConfigError recorded. */
  attempt<T>(fn: () => T, fallback: T): T {
    if (!this.collecting) return fn()
    try {
      return fn()
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      this.errors.push(error)
      return fallback
    }
  }

  /** Whether `data` fits schema `name`; when collecting, every problem is recorded (else the first thrown). */
  schema(name: SchemaName, data: unknown, map: SourceMap, label?: string): boolean {
    if (!this.collecting) {
      validateSchema(name, data, map, label)
      return true
    }
    const found = schemaProblems(name, data, map, label)
    for (const p of found) this.errors.push(new ConfigError(p.message, p.position, p.hint))
    return found.length === 0
  }

  record(error: ConfigError): void {
    if (!this.collecting) throw error
    this.errors.push(error)
  }
}
