// What compiled statements are made of, shared by the statement and include compilers.
import type { Ev } from './compile-expr.js'
import type { Frame } from './runtime.js'

export type Sx = (f: Frame, out: unknown[]) => void

/** A child template's top level runs (for its sets and imports) without rendering its blocks. */
export const SKIP_BLOCKS: Record<string, unknown> = Object.freeze({})

/** Loads another template by name for include/import/extends (the Templar layer provides it). */
export interface Loader {
  load(name: string, f: Frame): CompiledTemplate | undefined
}

export interface CompiledTemplate {
  root: Sx
  blocks: Record<string, Sx>
  extendsExpr?: Ev
}
