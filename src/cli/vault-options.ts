// The vault password flags shared by every verb that reads vars (run, exec, inventory, check, vault),
// so they are spelled and handled one way. ansible-playbook only prompts when asked (--ask-vault-pass);
// ansible-vault also prompts when nothing else was given (autoPrompt).
import { VaultKeyring } from '../vault/keyring.js'
import type { PromptFn } from '../vault/prompt.js'
import { processSecrets, type SecretRegistry } from '../vault/redact.js'
import { loadVaultSecrets, type SecretSources } from '../vault/secrets.js'
import type { OptionSpec, OptionValues } from './args.js'

export const VAULT_OPTIONS: OptionSpec[] = [
  { name: 'vault-id', kind: 'list', valueName: 'LABEL@SOURCE', help: 'a vault identity: SOURCE is a password file, a script or "prompt" (repeatable)' },
  { name: 'vault-password-file', kind: 'list', valueName: 'FILE', help: 'vault password file, or executable printing the password (repeatable)' },
  { name: 'vault-pass-file', kind: 'list', valueName: 'FILE', help: 'same as --vault-password-file' },
  { name: 'ask-vault-password', kind: 'boolean', help: 'ask for the vault password' },
  { name: 'ask-vault-pass', kind: 'boolean', help: 'same as --ask-vault-password' },
]

const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [])

export function secretSourcesFromOptions(options: OptionValues, extra: Partial<SecretSources> = {}): SecretSources {
  return {
    vaultIds: list(options['vault-id']),
    passwordFiles: [...list(options['vault-password-file']), ...list(options['vault-pass-file'])],
    askVaultPass: options['ask-vault-password'] === true || options['ask-vault-pass'] === true,
    ...extra,
  }
}

/** The keyring for a run: passwords from the flags, registered in `registry` for redaction. */
export async function keyringFromOptions(
  options: OptionValues,
  registry: SecretRegistry = processSecrets,
  prompt?: PromptFn,
): Promise<VaultKeyring> {
  return new VaultKeyring(await loadVaultSecrets(secretSourcesFromOptions(options, { autoPrompt: false, prompt })), registry)
}
