// Rewrites a parsed Handlebars template so every variable lookup goes through the `__v` helper, which
// fails on undefined variables, naming them.
// Handlebars' own strict mode only checks `{{ x }}`, not helper arguments like `{{ upper x }}`.
import { isLenient } from './helpers.js'


type Program = hbs.AST.Program
type Expression = hbs.AST.Expression
type PathExpression = hbs.AST.PathExpression
type Node = hbs.AST.Node

export const LOOKUP = '__v' // strict lookup: (__v path "path" depth)
export const LENIENT = '__vl' // lookup that lets undefined through (default/defined/undefined)

export class UnsupportedTemplate extends Error {}

function path(name: string, loc: hbs.AST.SourceLocation): PathExpression {
  return { type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc }
}

export interface LookupMeta {
  name: string
  parts: string[]
  depth: number
  line?: number // line inside the template
  /** `@root.a.b`: looked up from the template's root variables, wherever it is written. */
  root?: boolean
}

/** Lookup descriptions, referenced from the rewritten template by index (cheaper than parsing a string per call). */
export const lookups: LookupMeta[] = []
const lookupIds = new Map<string, number>()

function lookupId(p: PathExpression): number {
  const root = p.data && p.parts[0] === 'root'
  const parts = root ? p.parts.slice(1) : p.parts
  const meta: LookupMeta = { name: root ? parts.join('.') : p.original, parts, depth: root ? 0 : p.depth, line: p.loc?.start.line, ...(root ? { root } : {}) }
  const key = JSON.stringify(meta)
  let id = lookupIds.get(key)
  if (id === undefined) {
    id = lookups.push(meta) - 1
    lookupIds.set(key, id)
  }
  return id
}

function lookup(p: PathExpression, lenient: boolean): hbs.AST.SubExpression {
  const id = lookupId(p)
  return {
    type: 'SubExpression',
    path: path(lenient ? LENIENT : LOOKUP, p.loc),
    params: [p, { type: 'NumberLiteral', value: id, original: id, loc: p.loc } as hbs.AST.NumberLiteral],
    hash: undefined as unknown as hbs.AST.Hash,
    loc: p.loc,
  }
}

/** A variable: a plain path, or `@root.x` (other data like @index, @key are Handlebars' own). */
function isVariable(e: Node): e is PathExpression {
  const p = e as PathExpression
  return p.type === 'PathExpression' && (!p.data || (p.parts[0] === 'root' && p.parts.length > 1))
}

// `lookup 'env' 'HOME'` is Jinja's lookup plugin call: Handlebars' own `lookup` (obj[key]) would render ''.
function refuseLookupPlugin(helper: string, params: Expression[]): void {
  if (helper !== 'lookup' || params[0]?.type !== 'StringLiteral') return
  throw new UnsupportedTemplate(lookupPluginMessage((params[0] as hbs.AST.StringLiteral).value))
}

export function lookupPluginMessage(plugin: string): string {
  return `lookup('${plugin}', …) is not supported: Ansible's lookup plugins are not implemented in tsplay's Handlebars templates; (lookup DICT KEY) indexes a dict`
}

function wrapArgs(helper: string, params: Expression[], hash: hbs.AST.Hash | undefined): void {
  refuseLookupPlugin(helper, params)
  params.forEach((param, i) => {
    params[i] = isVariable(param) ? lookup(param, isLenient(helper, i)) : visitExpression(param)
  })
  for (const pair of hash?.pairs ?? []) {
    pair.value = isVariable(pair.value) ? lookup(pair.value, false) : visitExpression(pair.value)
  }
}

function visitExpression(e: Expression): Expression {
  if (e.type === 'SubExpression') {
    const sub = e as hbs.AST.SubExpression
    wrapArgs(helperName(sub), sub.params, sub.hash)
  }
  return e
}

// `undefined`, `null`, `true` parse as literals even in helper position: `{{ undefined x }}`.
function helperName(m: { path: PathExpression | hbs.AST.Literal }): string {
  const p = m.path as { original?: unknown; value?: unknown }
  return String(p.original ?? p.value)
}

/** A mustache with no arguments is always a variable, even if named like a helper (`{{ changed }}`). */
function visitMustache(m: hbs.AST.MustacheStatement): void {
  if (m.params.length === 0 && !m.hash && isVariable(m.path)) {
    const sub = lookup(m.path, false)
    m.path = sub.path
    m.params = sub.params
  } else wrapArgs(helperName(m), m.params, m.hash)
}

export function transform(program: Program): Program {
  for (const statement of program.body) {
    switch (statement.type) {
      case 'MustacheStatement':
        visitMustache(statement as hbs.AST.MustacheStatement)
        break
      case 'BlockStatement': {
        const block = statement as hbs.AST.BlockStatement
        wrapArgs(block.path.original, block.params, block.hash)
        if (block.program) transform(block.program)
        if (block.inverse) transform(block.inverse)
        break
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        throw new UnsupportedTemplate('partials and decorators are not supported')
    }
  }
  return program
}
