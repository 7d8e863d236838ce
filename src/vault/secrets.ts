// Where vault passwords come from, in ansible's order: every --vault-id LABEL@SOURCE, then every
// --vault-password-file (id 'default'), then a prompt (--ask-vault-pass, or nothing else given).
// A source is `prompt`, a file (first line-ish: surrounding whitespace stripped), or an executable
// script whose stdout is the password; a script named `*-client[.ext]` gets `--vault-id LABEL` (exit 2:
// unknown id), as ansible's client scripts do.
import { spawn } from 'node:child_process'
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { VaultError } from '../errors.js'
import { DEFAULT_VAULT_ID, isVaultText } from './format.js'
import { VaultKeyring, type VaultSecret } from './keyring.js'
import { promptOnTerminal, type PromptFn } from './prompt.js'

export interface SecretSources {
  vaultIds?: string[]
  passwordFiles?: string[]
  askVaultPass?: boolean
  /** Prompt when no other source was given (ansible does for the vault verbs). */
  autoPrompt?: boolean
  /** Ask twice and compare: for a new password (create, encrypt, rekey). */
  confirm?: boolean
  prompt?: PromptFn
}

export function splitVaultId(slug: string): { label?: string; source: string } {
  const at = slug.indexOf('@')
  if (at === -1) return { source: slug }
  return { label: slug.slice(0, at) || undefined, source: slug.slice(at + 1) }
}

export async function loadVaultSecrets(sources: SecretSources): Promise<VaultSecret[]> {
  const slugs = [...(sources.vaultIds ?? [])]
  for (const slug of slugs) {
    if (splitVaultId(slug).label?.includes(';')) {
      throw new VaultError(`'${slug}' is not a valid vault id: the character ';' is not allowed in vault ids`)
    }
  }
  for (const file of sources.passwordFiles ?? []) slugs.push(`${DEFAULT_VAULT_ID}@${file}`)
  if (sources.askVaultPass || (slugs.length === 0 && sources.autoPrompt)) slugs.push(`${DEFAULT_VAULT_ID}@prompt`)

  const secrets: VaultSecret[] = []
  for (const slug of slugs) {
    const { label, source } = splitVaultId(slug)
    const id = label ?? DEFAULT_VAULT_ID
    const prompted = source === 'prompt' || source === 'prompt_ask_vault_pass'
    const password = prompted ? await askPassword(id, sources) : await readPasswordSource(source, id, secrets)
    secrets.push({ id, password, source: prompted ? 'prompt' : source })
  }
  return secrets
}

async function askPassword(id: string, sources: SecretSources): Promise<Buffer> {
  const prompt = sources.prompt ?? promptOnTerminal
  const label = id === DEFAULT_VAULT_ID ? '' : ` (${id})`
  const first = await prompt(sources.confirm ? `New vault password${label}: ` : `Vault password${label}: `)
  if (first === '') throw new VaultError(`an empty vault password was given at the prompt${label}`)
  if (sources.confirm) {
    const second = await prompt(`Confirm new vault password${label}: `)
    if (second !== first) throw new VaultError('the passwords do not match')
  }
  return Buffer.from(first.trim(), 'utf8')
}

async function readPasswordSource(path: string, id: string, known: VaultSecret[]): Promise<Buffer> {
  let isFile: boolean
  try {
    isFile = statSync(path).isFile()
  } catch {
    throw new VaultError(`the vault password file ${path} was not found`)
  }
  if (!isFile) throw new VaultError(`the vault password file ${path} is not a regular file`)
  if (isExecutable(path)) return runPasswordScript(path, id)

  let data = stripBytes(readFileSync(path), ' \t\n\r\v\f')
  // ansible lets a password file itself be vaulted with a password given earlier on the command line
  if (isVaultText(data)) data = new VaultKeyring(known).decrypt(data.toString('utf8'), { file: path }).plaintext
  const password = stripBytes(data, '\r\n')
  if (password.length === 0) throw new VaultError(`the vault password file ${path} is empty`)
  return password
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function runPasswordScript(path: string, id: string): Promise<Buffer> {
  const client = basename(path, extname(path)).endsWith('-client')
  const args = client ? ['--vault-id', id] : []
  return new Promise((resolve, reject) => {
    // stdin and stderr stay the user's, so a script can prompt by itself
    const child = spawn(path, args, { stdio: ['inherit', 'pipe', 'inherit'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', (error) => reject(new VaultError(`could not run the vault password script ${path}: ${error.message}`)))
    child.on('close', (code, signal) => {
      if (client && code === 2) return reject(new VaultError(`the vault password client script ${path} has no secret for vault id '${id}'`))
      if (code !== 0) return reject(new VaultError(`the vault password script ${path} failed (${signal ?? `exit ${code}`})`))
      const password = stripBytes(Buffer.concat(chunks), '\r\n')
      if (password.length === 0) return reject(new VaultError(`the vault password script ${path} printed an empty password`))
      resolve(password)
    })
  })
}

/** Python's bytes.strip(chars): drops those bytes at both ends. */
function stripBytes(data: Buffer, chars: string): Buffer {
  const drop = new Set([...chars].map((c) => c.charCodeAt(0)))
  let start = 0
  let end = data.length
  while (start < end && drop.has(data[start])) start++
  while (end > start && drop.has(data[end - 1])) end--
  return data.subarray(start, end)
}
