// Which credentials to offer, in OpenSSH's order: agent, identity files, password.
// Keys are parsed up front so a wrong passphrase is reported by file name, not as "auth failed".
import { existsSync, readFileSync } from 'node:fs'
import type { AnyAuthMethod } from 'ssh2'
import { parseKey } from './ssh2-parts.js'
import type { ConnectionSpec } from './types.js'

export interface AuthPlan {
  methods: AnyAuthMethod[]
  /** What was tried, for the one-line "authentication failed" reason (never secrets). */
  tried: string[]
  /** One name per method, for -vvv (never secrets). */
  labels: string[]
  /** Keys that could not be used (encrypted without passphrase, bad passphrase, unreadable). */
  problems: string[]
}

type AuthSource = Pick<ConnectionSpec, 'user' | 'identityFiles' | 'passphrase' | 'agent'> & { password?: string }

// Every host of a run usually logs in with the same key file: parse it (a KDF when encrypted) once.
const parsedKeys = new Map<string, { data: Buffer; parsed: ReturnType<typeof parseKey> }>()

function parseKeyOnce(file: string, data: Buffer, passphrase: string | undefined): ReturnType<typeof parseKey> {
  const key = `${file}\0${passphrase ?? ''}`
  const cached = parsedKeys.get(key)
  if (cached?.data.equals(data)) return cached.parsed
  const parsed = parseKey(data, passphrase)
  parsedKeys.set(key, { data, parsed })
  return parsed
}

export function planAuth(spec: AuthSource): AuthPlan {
  const plan: AuthPlan = { methods: [], tried: [], labels: [], problems: [] }
  const username = spec.user
  if (spec.agent && existsSync(spec.agent)) {
    plan.methods.push({ type: 'agent', username, agent: spec.agent })
    plan.tried.push('agent')
    plan.labels.push(`agent ${spec.agent}`)
  }
  for (const file of spec.identityFiles) {
    let data: Buffer
    try {
      data = readFileSync(file)
    } catch (e) {
      plan.problems.push(`${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`)
      continue
    }
    const parsed = parseKeyOnce(file, data, spec.passphrase)
    if (parsed instanceof Error) {
      const msg = /no passphrase given/.test(parsed.message)
        ? 'encrypted, no passphrase given'
        : /bad passphrase|integrity check/i.test(parsed.message)
          ? 'wrong passphrase'
          : parsed.message
      plan.problems.push(`${file}: ${msg}`)
      continue
    }
    const key = Array.isArray(parsed) ? parsed[0] : parsed
    if (!key.isPrivateKey()) {
      plan.problems.push(`${file}: not a private key`)
      continue
    }
    plan.methods.push({ type: 'publickey', username, key })
    plan.tried.push(`key ${file}`)
    plan.labels.push(`publickey ${file}`)
  }
  if (spec.password !== undefined) {
    plan.methods.push({ type: 'password', username, password: spec.password })
    plan.methods.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map(() => spec.password ?? '')),
    })
    plan.tried.push('password')
    plan.labels.push('password', 'keyboard-interactive (password)')
  }
  return plan
}
