// The Ansible settings tsplay reads, as ansible-core 2.14 names them: the ansible.cfg section and key,
// the ANSIBLE_* variables (the first set wins), the type and the default. What each one does in tsplay is
// said beside it; a setting not in this table is warned about when it is set (config/load.ts).

export type SettingType = 'boolean' | 'integer' | 'string' | 'path' | 'pathlist' | 'pathspec' | 'list'

export interface Setting {
  ini: [section: string, key: string][]
  env: string[]
  type: SettingType
  default: unknown
  /** What tsplay does with it (shown by `tsplay config dump`). */
  effect: string
}

const s = (section: string, key: string, env: string | string[], type: SettingType, dflt: unknown, effect: string): Setting => ({
  ini: [[section, key]],
  env: Array.isArray(env) ? env : [env],
  type,
  default: dflt,
  effect,
})

export const SETTINGS = {
  DEFAULT_HOST_LIST: s('defaults', 'inventory', 'ANSIBLE_INVENTORY', 'pathlist', ['/etc/ansible/hosts'], '-i when none is given'),
  DEFAULT_REMOTE_USER: s('defaults', 'remote_user', 'ANSIBLE_REMOTE_USER', 'string', null, '-u when none is given'),
  DEFAULT_REMOTE_PORT: s('defaults', 'remote_port', 'ANSIBLE_REMOTE_PORT', 'integer', null, 'the ssh port when a host sets none'),
  DEFAULT_PRIVATE_KEY_FILE: s('defaults', 'private_key_file', 'ANSIBLE_PRIVATE_KEY_FILE', 'path', null, '--private-key when none is given'),
  HOST_KEY_CHECKING: s('defaults', 'host_key_checking', ['ANSIBLE_HOST_KEY_CHECKING', 'ANSIBLE_SSH_HOST_KEY_CHECKING'], 'boolean', true, 'host keys checked against known_hosts (false: not checked)'),
  DEFAULT_FORKS: s('defaults', 'forks', 'ANSIBLE_FORKS', 'integer', 5, '-f when none is given (tsplay: 50 when nothing sets it)'),
  DEFAULT_TIMEOUT: s('defaults', 'timeout', 'ANSIBLE_TIMEOUT', 'integer', 10, 'connection timeout in seconds (-T)'),
  DEFAULT_ROLES_PATH: s('defaults', 'roles_path', 'ANSIBLE_ROLES_PATH', 'pathspec', ['~/.ansible/roles', '/usr/share/ansible/roles', '/etc/ansible/roles'], 'where roles are looked for'),
  DEFAULT_BECOME: s('privilege_escalation', 'become', 'ANSIBLE_BECOME', 'boolean', false, '-b'),
  DEFAULT_BECOME_USER: s('privilege_escalation', 'become_user', 'ANSIBLE_BECOME_USER', 'string', 'root', '--become-user'),
  DEFAULT_BECOME_METHOD: s('privilege_escalation', 'become_method', 'ANSIBLE_BECOME_METHOD', 'string', 'sudo', '--become-method'),
  DEFAULT_BECOME_ASK_PASS: s('privilege_escalation', 'become_ask_pass', 'ANSIBLE_BECOME_ASK_PASS', 'boolean', false, '-K'),
  DEFAULT_ASK_PASS: s('defaults', 'ask_pass', 'ANSIBLE_ASK_PASS', 'boolean', false, '-k'),
  DEFAULT_GATHERING: s('defaults', 'gathering', 'ANSIBLE_GATHERING', 'string', 'implicit', 'implicit: plays gather facts unless gather_facts: false; explicit: only with gather_facts: true; smart: once per host'),
  CACHE_PLUGIN: s('defaults', 'fact_caching', 'ANSIBLE_CACHE_PLUGIN', 'string', 'memory', 'memory, or jsonfile: facts kept in fact_caching_connection between runs'),
  CACHE_PLUGIN_CONNECTION: s('defaults', 'fact_caching_connection', 'ANSIBLE_CACHE_PLUGIN_CONNECTION', 'path', null, "jsonfile's directory"),
  CACHE_PLUGIN_TIMEOUT: s('defaults', 'fact_caching_timeout', 'ANSIBLE_CACHE_PLUGIN_TIMEOUT', 'integer', 86400, 'seconds a cached fact stays valid'),
  RETRY_FILES_ENABLED: s('defaults', 'retry_files_enabled', 'ANSIBLE_RETRY_FILES_ENABLED', 'boolean', false, 'write PLAYBOOK.retry with the failed hosts'),
  RETRY_FILES_SAVE_PATH: s('defaults', 'retry_files_save_path', 'ANSIBLE_RETRY_FILES_SAVE_PATH', 'path', null, 'where retry files go (default: beside the playbook)'),
  DEFAULT_VAULT_PASSWORD_FILE: s('defaults', 'vault_password_file', 'ANSIBLE_VAULT_PASSWORD_FILE', 'path', null, '--vault-password-file'),
  DEFAULT_VAULT_IDENTITY_LIST: s('defaults', 'vault_identity_list', 'ANSIBLE_VAULT_IDENTITY_LIST', 'list', [], '--vault-id'),
  DEFAULT_ASK_VAULT_PASS: s('defaults', 'ask_vault_pass', 'ANSIBLE_ASK_VAULT_PASS', 'boolean', false, '--ask-vault-pass'),
  ANY_ERRORS_FATAL: s('defaults', 'any_errors_fatal', 'ANSIBLE_ANY_ERRORS_FATAL', 'boolean', false, "every play's any_errors_fatal default"),
  HOST_PATTERN_MISMATCH: s('inventory', 'host_pattern_mismatch', 'ANSIBLE_HOST_PATTERN_MISMATCH', 'string', 'warning', 'a play pattern matching no host: warning, error or ignore'),
  DEFAULT_FORCE_HANDLERS: s('defaults', 'force_handlers', 'ANSIBLE_FORCE_HANDLERS', 'boolean', false, '--force-handlers'),
  DEFAULT_STDOUT_CALLBACK: s('defaults', 'stdout_callback', 'ANSIBLE_STDOUT_CALLBACK', 'string', 'default', 'default, or json (--json)'),
  DEFAULT_VERBOSITY: s('defaults', 'verbosity', 'ANSIBLE_VERBOSITY', 'integer', 0, '-v count'),
  DEFAULT_STRATEGY: s('defaults', 'strategy', 'ANSIBLE_STRATEGY', 'string', 'linear', "every play's strategy default"),
  DEFAULT_MANAGED_STR: s('defaults', 'ansible_managed', [], 'string', 'Ansible managed', 'the ansible_managed template variable'),
  SSH_ARGS: { ini: [['ssh_connection', 'ssh_args']], env: ['ANSIBLE_SSH_ARGS'], type: 'string', default: '-C -o ControlMaster=auto -o ControlPersist=60s', effect: 'read for the -o options tsplay understands (others reported)' },
  SSH_COMMON_ARGS: { ini: [['ssh_connection', 'ssh_common_args']], env: ['ANSIBLE_SSH_COMMON_ARGS'], type: 'string', default: '', effect: 'ansible_ssh_common_args default' },
  SSH_EXTRA_ARGS: { ini: [['ssh_connection', 'ssh_extra_args']], env: ['ANSIBLE_SSH_EXTRA_ARGS'], type: 'string', default: '', effect: 'ansible_ssh_extra_args default' },
  ANSIBLE_PIPELINING: { ini: [['connection', 'pipelining'], ['ssh_connection', 'pipelining']], env: ['ANSIBLE_PIPELINING', 'ANSIBLE_SSH_PIPELINING'], type: 'boolean', default: false, effect: 'accepted: tsplay never copies module files, it always pipes' },
  ANSIBLE_NOCOWS: s('defaults', 'nocows', 'ANSIBLE_NOCOWS', 'boolean', false, 'accepted: tsplay prints no cows'),
  ANSIBLE_NOCOLOR: s('defaults', 'nocolor', ['ANSIBLE_NOCOLOR', 'ANSIBLE_NO_COLOR'], 'boolean', false, 'no colour in output'),
  DEPRECATION_WARNINGS: s('defaults', 'deprecation_warnings', 'ANSIBLE_DEPRECATION_WARNINGS', 'boolean', true, 'accepted: tsplay has no deprecations'),
  INTERPRETER_PYTHON: s('defaults', 'interpreter_python', 'ANSIBLE_PYTHON_INTERPRETER', 'string', 'auto', 'accepted: tsplay needs no Python on hosts'),
  DEFAULT_LOCAL_TMP: s('defaults', 'local_tmp', 'ANSIBLE_LOCAL_TEMP', 'path', '~/.ansible/tmp', 'accepted: tsplay keeps no local temporary files'),
  ANSIBLE_HOME: s('defaults', 'home', 'ANSIBLE_HOME', 'path', '~/.ansible', 'the base of the default roles path'),
} satisfies Record<string, Setting>

export type SettingName = keyof typeof SETTINGS
