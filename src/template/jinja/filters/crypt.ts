// crypt(3) for password_hash: SHA-512/SHA-256 crypt (Drepper's specification) and MD5 crypt, so a
// given salt gives the same string as Ansible's (passlib's or crypt's).
import { createHash, randomInt } from 'node:crypto'

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

function b64from24(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0
  let out = ''
  for (let i = 0; i < n; i++) {
    out += ITOA64[w & 0x3f]
    w >>= 6
  }
  return out
}

function repeatTo(src: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len)
  for (let i = 0; i < len; i++) out[i] = src[i % src.length]
  return out
}

const SHA512_ORDER = [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41]]
const SHA256_ORDER = [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29]]

export function shaCrypt(password: string, salt: string, bits: 256 | 512, rounds?: number): string {
  const algo = bits === 512 ? 'sha512' : 'sha256'
  const H = (...parts: Buffer[]) => {
    const h = createHash(algo)
    for (const p of parts) h.update(p)
    return h.digest()
  }
  const pw = Buffer.from(password, 'utf8')
  const s = Buffer.from(salt.slice(0, 16), 'utf8')
  const r = rounds === undefined ? 5000 : Math.min(999999999, Math.max(1000, rounds))
  const B = H(pw, s, pw)
  const a = createHash(algo).update(pw).update(s)
  a.update(repeatTo(B, pw.length))
  for (let i = pw.length; i > 0; i >>= 1) a.update(i & 1 ? B : pw)
  let A = a.digest()
  const dp = createHash(algo)
  for (let i = 0; i < pw.length; i++) dp.update(pw)
  const P = repeatTo(dp.digest(), pw.length)
  const ds = createHash(algo)
  for (let i = 0; i < 16 + A[0]; i++) ds.update(s)
  const S = repeatTo(ds.digest(), s.length)
  for (let i = 0; i < r; i++) {
    const c = createHash(algo)
    c.update(i & 1 ? P : A)
    if (i % 3) c.update(S)
    if (i % 7) c.update(P)
    c.update(i & 1 ? A : P)
    A = c.digest()
  }
  let out = ''
  if (bits === 512) {
    for (const [x, y, z] of SHA512_ORDER) out += b64from24(A[x], A[y], A[z], 4)
    out += b64from24(0, 0, A[63], 2)
  } else {
    for (const [x, y, z] of SHA256_ORDER) out += b64from24(A[x], A[y], A[z], 4)
    out += b64from24(0, A[31], A[30], 3)
  }
  const prefix = bits === 512 ? '$6$' : '$5$'
  return `${prefix}${rounds === undefined ? '' : `rounds=${r}$`}${s.toString('utf8')}$${out}`
}

export function md5Crypt(password: string, salt: string): string {
  const md5 = (...parts: Buffer[]) => {
    const h = createHash('md5')
    for (const p of parts) h.update(p)
    return h.digest()
  }
  const pw = Buffer.from(password, 'utf8')
  const s = Buffer.from(salt.slice(0, 8), 'utf8')
  const magic = Buffer.from('$1$')
  let fin = md5(pw, s, pw)
  const ctx = createHash('md5').update(pw).update(magic).update(s)
  for (let pl = pw.length; pl > 0; pl -= 16) ctx.update(fin.subarray(0, Math.min(pl, 16)))
  for (let i = pw.length; i; i >>= 1) ctx.update(i & 1 ? Buffer.from([0]) : pw.subarray(0, 1))
  fin = ctx.digest()
  for (let i = 0; i < 1000; i++) {
    const c = createHash('md5')
    c.update(i & 1 ? pw : fin)
    if (i % 3) c.update(s)
    if (i % 7) c.update(pw)
    c.update(i & 1 ? fin : pw)
    fin = c.digest()
  }
  let out = ''
  for (const [x, y, z] of [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5]]) out += b64from24(fin[x], fin[y], fin[z], 4)
  out += b64from24(0, 0, fin[11], 2)
  return `$1$${s.toString('utf8')}$${out}`
}

export function randomSalt(n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += ITOA64[randomInt(64)]
  return s
}
