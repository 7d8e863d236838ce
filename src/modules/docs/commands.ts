// Docs of the modules that run commands.
import type { ModuleDoc } from './types.js'

const RUN_ARGS = {
  chdir: 'Directory to run in (a missing one fails the task, in check mode too).',
  creates: 'Do not run when a path matching this glob exists on the host (the task is ok); relative to chdir.',
  removes: 'Only run when a path matching this glob exists on the host.',
  stdin: 'Text fed to the command\'s standard input.',
  stdin_add_newline: 'Add a newline to stdin.',
  strip_empty_ends: 'Strip empty lines at the end of stdout and stderr.',
}

export const command: ModuleDoc = {
  short: 'Run a command on hosts, without a shell',
  description:
    'Runs a program with its arguments (split like a POSIX shell, but without one: no pipes, redirects or $VARS). ' +
    'Always changed unless creates/removes say there is nothing to do or changed_when decides; fails on a non-zero exit code. ' +
    'Returns rc, stdout, stderr, stdout_lines, stderr_lines, cmd (the list of words), start, end and delta. ' +
    'In check mode it runs nothing: changed when creates/removes would let it run, skipped without them.',
  args: {
    cmd: 'The command line (also given free-form: `command: ls -l /tmp`).',
    argv: 'The command as a list of words, instead of cmd.',
    executable: 'Ignored with a warning, as in Ansible since 2.4 (use shell for another shell).',
    ...RUN_ARGS,
  },
  examples: `- name: Free form
  command: systemctl is-active etcd
  register: active
  changed_when: false

- name: As a list of words
  command:
    argv: [etcdctl, member, list]

- name: Only once
  command: /usr/local/bin/init-db
  args:
    creates: /var/lib/db/initialised
`,
}

export const shell: ModuleDoc = {
  short: 'Run a command through /bin/sh on hosts',
  description: 'Like command, through a shell: pipes, redirects, variables and globs work. Always changed unless creates/removes or changed_when say otherwise.',
  args: {
    cmd: 'The shell command line (also given free-form).',
    executable: 'Shell to run it with instead of /bin/sh.',
    ...RUN_ARGS,
  },
  examples: `- name: A pipeline
  shell: ps -eo comm | sort | uniq -c | sort -rn | head -5
  register: top
  changed_when: false
`,
}

export const raw: ModuleDoc = {
  short: 'Send a command line to the host as it is',
  description: 'Runs the line over SSH with no processing at all. tsplay needs no Python on hosts, so raw is rarely needed; it exists for playbooks written for Ansible.',
  args: {
    cmd: 'The command line (free-form).',
    executable: 'Shell to run it with.',
  },
  examples: `- name: Bootstrap
  raw: test -e /usr/bin/python3 || (apt-get update && apt-get install -y python3)
`,
}

export const script: ModuleDoc = {
  short: 'Copy a local script to hosts and run it',
  description:
    'Transfers a script from the controller (searched in files/) and runs it with its arguments; removed afterwards. ' +
    'Always changed; a satisfied creates/removes skips the task. Skipped in check mode unless creates/removes are given.',
  args: {
    cmd: 'The script and its arguments (free-form); the arguments reach the host\'s shell as written, so variables expand and quotes group, as in Ansible.',
    executable: 'Interpreter to run the script with.',
    ...RUN_ARGS,
    chdir: 'Absolute directory to run in.',
    creates: 'Skip the task when this path exists on the host (a path, not a glob, as in Ansible\'s script).',
    removes: 'Skip the task unless this path exists on the host.',
  },
  examples: `- name: A setup script with an argument
  script: setup-node.sh --role worker
  args:
    creates: /etc/node-ready
`,
}
