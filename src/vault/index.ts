// The vault API for the rest of tsplay.
//  - Verbs that read vars add VAULT_OPTIONS to their options and build one keyring per run with
//    keyringFromOptions(options, registry) (src/cli/vault-options.ts).
//  - Loaders read every YAML vars/playbook file through vault/yaml.ts (on top of util/yaml.ts): whole-file
//    vaults and inline `!vault |` values are decrypted, and their plaintexts land in keyring.registry.
//  - The executor adds become/connection passwords and no_log values with registry.add(value); reporters,
//    retry files and error printing pass text through registry.redact(text) / registry.redactValue(obj).
//  - keyringFromOptions defaults to processSecrets, the process-wide registry, which main.ts's
//    reportError can use as the last line of defence: processSecrets.redact(error.describe()).
export { encryptVault } from './crypto.js'
export { isVaultText } from './format.js'
export { VaultKeyring, type VaultSecret } from './keyring.js'
export { MASK, SecretRegistry, processSecrets } from './redact.js'
export { loadVaultSecrets, type SecretSources } from './secrets.js'
export { loadVaultAwareYaml, loadVaultYaml, vaultFileText } from './yaml.js'
