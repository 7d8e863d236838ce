// Flags of ansible and ansible-playbook that tsplay does not take, with what to do instead. An unknown
// flag is looked up here before anything else, and a suggestion only ever names a flag of the same meaning.
export const ANSIBLE_ONLY_FLAGS: Record<string, { meaning: string; hint: string }> = {
  '-M': { meaning: '--module-path', hint: 'modules are built into tsplay: tsplay doc -l lists them' },
  '--module-path': { meaning: '--module-path', hint: 'modules are built into tsplay: tsplay doc -l lists them' },
  '-B': { meaning: '--background (async)', hint: 'async tasks are not supported: run the task in the foreground' },
  '--background': { meaning: '--background (async)', hint: 'async tasks are not supported: run the task in the foreground' },
  '-P': { meaning: '--poll (async)', hint: 'async tasks are not supported: run the task in the foreground' },
  '--poll': { meaning: '--poll (async)', hint: 'async tasks are not supported: run the task in the foreground' },
  '--scp-extra-args': { meaning: '--scp-extra-args', hint: 'tsplay copies files over its SSH connection, without scp: use --ssh-extra-args' },
  '--sftp-extra-args': { meaning: '--sftp-extra-args', hint: 'tsplay copies files over its SSH connection, without sftp: use --ssh-extra-args' },
  '--key-file': { meaning: '--key-file', hint: 'use --private-key FILE (the same option)' },
  '--inventory-file': { meaning: '--inventory-file', hint: 'use -i/--inventory (the same option)' },
  '-J': { meaning: '--ask-vault-password', hint: 'use --ask-vault-pass (the same option)' },
  '--become-password-file': { meaning: '--become-password-file', hint: 'use -K, or ansible_become_password from a vaulted vars file' },
  '--connection-password-file': { meaning: '--connection-password-file', hint: 'use -k, or ansible_password from a vaulted vars file' },
  '-s': { meaning: '--sudo (removed in Ansible 2.9)', hint: 'use -b/--become' },
  '--sudo': { meaning: '--sudo (removed in Ansible 2.9)', hint: 'use -b/--become' },
  '-S': { meaning: '--su (removed in Ansible 2.9)', hint: 'use -b --become-method su' },
  '-R': { meaning: '--su-user (removed in Ansible 2.9)', hint: 'use --become-user' },
  '--version': { meaning: '--version', hint: 'tsplay --version (before the verb)' },
}

/** Flags that belong to the other verb: ansible's ad-hoc flags on `run`, ansible-playbook's on `exec`. */
export const OTHER_VERB_FLAGS: Record<string, string> = {
  '-m': 'module flags are for tsplay exec PATTERN -m MODULE -a ARGS',
  '-a': 'module flags are for tsplay exec PATTERN -m MODULE -a ARGS',
  '-o': "one-line output (ansible's -o) is for tsplay exec",
  '-t': "tsplay run takes -t/--tags; ansible's ad-hoc -t (--tree) is not supported: use --json",
}
