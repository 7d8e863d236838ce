// Python's arithmetic as Jinja applies it: + - * / // % ** on ints, floats, strings and lists, with
// Python's floor semantics and TypeError for mismatched operands.
import { typeError } from './errors.js'
import { percentFormat } from './py-format.js'
import { isTuple, plain, tuple, typeName } from './py.js'
import { PyFloat, float, isFloat, num } from './pyfloat.js'
import { Undefined } from './undefined.js'
import { PyDateTime, PyTimedelta } from './datetime.js'

function operands(op: string, a: unknown, b: unknown): [number, number, boolean] {
  if (a instanceof Undefined) a.fail()
  if (b instanceof Undefined) b.fail()
  const x = num(a)
  const y = num(b)
  if (x === undefined || y === undefined) throw typeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`)
  return [x, y, isFloat(a) || isFloat(b)]
}

const result = (n: number, isF: boolean) => (isF ? float(n) : n)

export function add(a: unknown, b: unknown): unknown {
  a = plain(a)
  b = plain(b)
  if (a instanceof PyDateTime && b instanceof PyTimedelta) return new PyDateTime(new Date(a.d.getTime() + b.ms), a.utc)
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(a.ms + b.ms)
  if (typeof a === 'string' && typeof b === 'string') return a + b
  if (Array.isArray(a) && Array.isArray(b)) return isTuple(a) && isTuple(b) ? tuple(a.concat(b)) : a.concat(b)
  if (typeof a === 'string' || Array.isArray(a) || typeof b === 'string' || Array.isArray(b)) {
    if (a instanceof Undefined) a.fail()
    if (b instanceof Undefined) b.fail()
    const kind = typeof a === 'string' ? 'str' : Array.isArray(a) ? 'list' : undefined
    throw typeError(kind ? `can only concatenate ${kind} (not "${typeName(b)}") to ${kind}` : `unsupported operand type(s) for +: '${typeName(a)}' and '${typeName(b)}'`)
  }
  const [x, y, f] = operands('+', a, b)
  return result(x + y, f)
}

export function sub(a: unknown, b: unknown): unknown {
  if (a instanceof PyDateTime && b instanceof PyDateTime) return new PyTimedelta(a.d.getTime() - b.d.getTime())
  if (a instanceof PyDateTime && b instanceof PyTimedelta) return new PyDateTime(new Date(a.d.getTime() - b.ms), a.utc)
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(a.ms - b.ms)
  const [x, y, f] = operands('-', a, b)
  return result(x - y, f)
}

export function mul(a: unknown, b: unknown): unknown {
  a = plain(a)
  b = plain(b)
  const rep = (seq: string | unknown[], n: unknown) => {
    const k = num(n)
    if (k === undefined || isFloat(n)) throw typeError(`can't multiply sequence by non-int of type '${typeName(n)}'`)
    if (typeof seq === 'string') return k > 0 ? seq.repeat(k) : ''
    const out: unknown[] = []
    for (let i = 0; i < k; i++) out.push(...seq)
    return out
  }
  if (typeof a === 'string' || Array.isArray(a)) return rep(a, b)
  if (typeof b === 'string' || Array.isArray(b)) return rep(b, a)
  const [x, y, f] = operands('*', a, b)
  return result(x * y, f)
}

export function div(a: unknown, b: unknown): unknown {
  const [x, y] = operands('/', a, b)
  if (y === 0) throw typeError('division by zero')
  return float(x / y)
}

export function floordiv(a: unknown, b: unknown): unknown {
  const [x, y, f] = operands('//', a, b)
  if (y === 0) throw typeError('integer division or modulo by zero')
  return result(Math.floor(x / y), f)
}

export function mod(a: unknown, b: unknown): unknown {
  a = plain(a)
  if (typeof a === 'string') return percentFormat(a, plain(b))
  const [x, y, f] = operands('%', a, b)
  if (y === 0) throw typeError('integer division or modulo by zero')
  const r = x - Math.floor(x / y) * y
  return result(f ? ((x % y) + y) % y : r, f)
}

export function pow(a: unknown, b: unknown): unknown {
  const [x, y, f] = operands('** or pow()', a, b)
  if (!f && y < 0) return float(x ** y)
  return result(x ** y, f)
}

export function neg(a: unknown): unknown {
  if (a instanceof PyFloat) return new PyFloat(-a.value)
  const [x] = operands('unary -', a, 0)
  return typeof a === 'boolean' ? -x : -x
}

export function pos(a: unknown): unknown {
  operands('unary +', a, 0)
  return typeof a === 'boolean' ? Number(a) : a
}
