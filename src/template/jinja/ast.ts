// The AST of a Jinja2 template: expressions and statements, each with its offset in the source.

export type Expr =
  | { t: 'const'; value: unknown; pos: number }
  | { t: 'name'; name: string; pos: number }
  | { t: 'list'; items: Expr[]; pos: number }
  | { t: 'tuple'; items: Expr[]; pos: number }
  | { t: 'dict'; pairs: [Expr, Expr][]; pos: number }
  | { t: 'getattr'; obj: Expr; attr: string; pos: number }
  | { t: 'getitem'; obj: Expr; arg: Expr; pos: number }
  | { t: 'slice'; start?: Expr; stop?: Expr; step?: Expr; pos: number }
  | ({ t: 'call'; fn: Expr; pos: number } & CallArgs)
  | ({ t: 'filter'; name: string; node: Expr; pos: number } & CallArgs)
  | ({ t: 'test'; name: string; node: Expr; pos: number } & CallArgs)
  | { t: 'cond'; test: Expr; then: Expr; else?: Expr; pos: number }
  | { t: 'bin'; op: BinOp; left: Expr; right: Expr; pos: number }
  | { t: 'unary'; op: 'neg' | 'pos' | 'not'; node: Expr; pos: number }
  | { t: 'and' | 'or'; left: Expr; right: Expr; pos: number }
  | { t: 'compare'; expr: Expr; ops: { op: CmpOp; expr: Expr }[]; pos: number }
  | { t: 'concat'; items: Expr[]; pos: number }

export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**'
export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin'

export interface CallArgs {
  args: Expr[]
  kwargs: [string, Expr][]
  dynArgs?: Expr
  dynKwargs?: Expr
}

/** An assignment target: a name or a tuple of names (`for k, v in ...`), or `ns.attr`. */
export type Target = { t: 'name'; name: string } | { t: 'tuple'; items: Target[] } | { t: 'nsattr'; name: string; attr: string }

export interface MacroSig {
  params: string[]
  defaults: (Expr | undefined)[]
}

export type Stmt =
  | { t: 'data'; text: string; pos: number }
  | { t: 'output'; expr: Expr; pos: number }
  | { t: 'if'; branches: { test: Expr; body: Stmt[] }[]; else?: Stmt[]; pos: number }
  | { t: 'for'; target: Target; iter: Expr; body: Stmt[]; else?: Stmt[]; filter?: Expr; recursive: boolean; pos: number }
  | { t: 'set'; target: Target; expr: Expr; pos: number }
  | { t: 'setblock'; target: Target; body: Stmt[]; filters: FilterCall[]; pos: number }
  | ({ t: 'macro'; name: string; body: Stmt[]; pos: number } & MacroSig)
  | ({ t: 'callblock'; call: Expr; body: Stmt[]; pos: number } & MacroSig)
  | { t: 'filterblock'; filters: FilterCall[]; body: Stmt[]; pos: number }
  | { t: 'include'; template: Expr; ignoreMissing: boolean; withContext: boolean; pos: number }
  | { t: 'import'; template: Expr; target: string; withContext: boolean; pos: number }
  | { t: 'fromimport'; template: Expr; names: [string, string][]; withContext: boolean; pos: number }
  | { t: 'with'; targets: [Target, Expr][]; body: Stmt[]; pos: number }
  | { t: 'block'; name: string; body: Stmt[]; pos: number }
  | { t: 'extends'; template: Expr; pos: number }

export type FilterCall = { name: string; pos: number } & CallArgs
