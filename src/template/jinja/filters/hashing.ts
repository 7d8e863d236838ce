// Hashing and encoding filters: hash checksum md5 sha1 b64encode b64decode to_uuid password_hash.
import { createHash } from 'node:crypto'
import { defineFilters } from '../registry.js'
import { filterError } from '../errors.js'
import { str } from '../py.js'
import { num } from '../pyfloat.js'
import { md5Crypt, randomSalt, shaCrypt } from './crypt.js'

const hex = (algo: string, data: string) => createHash(algo).update(Buffer.from(data, 'utf8')).digest('hex')

/** uuid.uuid5(namespace, name). */
export function uuid5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const h = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest()
  h[6] = (h[6] & 0x0f) | 0x50
  h[8] = (h[8] & 0x3f) | 0x80
  const x = h.subarray(0, 16).toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

const ALGOS: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' }

function passwordHash(pw: string, hashtype: string, salt: unknown, saltSize: unknown, rounds: unknown): string {
  const t = hashtype.replace(/_crypt$/, '')
  const r = rounds === null || rounds === undefined ? undefined : Number(num(rounds))
  if (t === 'sha512' || t === 'sha256') {
    const s = salt === null || salt === undefined ? randomSalt(Number(num(saltSize) ?? 16)) : str(salt)
    return shaCrypt(pw, s, t === 'sha512' ? 512 : 256, r)
  }
  if (t === 'md5') return md5Crypt(pw, salt === null || salt === undefined ? randomSalt(Number(num(saltSize) ?? 8)) : str(salt))
  throw filterError(`${hashtype} is not in the list of supported passlib algorithms: md5, sha256, sha512`)
}

defineFilters({
  hash: ['hashtype', (_rt, v, t = 'sha1') => {
    const algo = ALGOS[str(t)]
    if (!algo) throw filterError(`unsupported hash type ${str(t)}`)
    return hex(algo, str(v))
  }],
  checksum: ['', (_rt, v) => hex('sha1', str(v))],
  sha1: ['', (_rt, v) => hex('sha1', str(v))],
  md5: ['', (_rt, v) => hex('md5', str(v))],
  b64encode: ['encoding', (_rt, v) => Buffer.from(str(v), 'utf8').toString('base64')],
  b64decode: ['encoding', (_rt, v) => Buffer.from(str(v), 'base64').toString('utf8')],
  to_uuid: ['namespace', (_rt, v, ns = '361E6D51-FAEC-444A-9079-341386DA8E2E') => uuid5(str(ns), str(v))],
  password_hash: ['hashtype,salt,salt_size,rounds,ident', (_rt, v, t = 'sha512', salt = null, saltSize = null, rounds = null) => passwordHash(str(v), str(t), salt, saltSize, rounds)],
})
