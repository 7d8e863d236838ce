// Docs of the modules that run on the controller only: output, checks, facts and the inventory.
import type { ModuleDoc } from './types.js'

export const debug: ModuleDoc = {
  short: 'Print a message or a variable',
  description: 'Prints msg or the value of var; with verbosity, only at that -v level. Never changes anything.',
  args: { msg: 'What to print (any value).', var: 'Name of a variable (or expression) to print.', verbosity: 'Only print with at least this many -v.' },
  examples: `- name: A message
  debug:
    msg: "deployed {{ inventory_hostname }}"

- name: A registered result
  debug:
    var: result
`,
}

export const assert: ModuleDoc = {
  short: 'Fail unless conditions hold',
  description: 'Evaluates each condition of that (as when does) and fails at the first false one.',
  args: { that: 'Conditions, one or a list.', fail_msg: 'Message when one is false.', success_msg: 'Message when all hold.', quiet: 'Print less.' },
  examples: `- name: Enough members
  assert:
    that:
      - groups['etcd'] | length >= 3
      - inventory_hostname in groups['etcd']
    fail_msg: etcd needs three members, {{ inventory_hostname }} among them
`,
}

export const fail: ModuleDoc = {
  short: 'Fail with a message',
  description: 'Fails the host, usually with when.',
  args: { msg: 'The failure message.' },
  examples: `- name: Refuse an unsupported setup
  fail:
    msg: this playbook needs at least three etcd hosts
  when: groups['etcd'] | length < 3
`,
}

export const set_fact: ModuleDoc = {
  short: 'Set host variables',
  description: 'Sets each key as a variable of the host, above task and play vars, for the rest of the run.',
  args: { cacheable: 'true: the facts are also host facts (ansible_facts) and go to the fact cache when one is configured, as in Ansible.' },
  examples: `- name: A computed setting
  set_fact:
    etcd_url: "http://{{ ansible_host }}:2379"
`,
}

export const add_host: ModuleDoc = {
  short: 'Add a host to the in-memory inventory',
  description: 'Adds a host (and its groups and variables) for the following plays of this run.',
  args: { name: 'The new host (host:port sets ansible_port).', groups: 'Groups to put it in.' },
  examples: `- name: A host made by an earlier task
  add_host:
    name: 10.0.0.42
    groups: [new_nodes]
`,
}

export const group_by: ModuleDoc = {
  short: 'Group hosts by a value',
  description: 'Puts each host in the group named key (usually templated), for the following plays.',
  args: { key: 'Name of the group.', parents: 'Parent groups of the new group.' },
  examples: `- name: By distribution
  group_by:
    key: "os_{{ ansible_distribution }}"
`,
}

export const async_status: ModuleDoc = {
  short: 'The state of an async task',
  description:
    'Reports whether a task started with async (poll: 0) has finished (finished: 0 or 1) and, once it has, its result. ' +
    'Jobs belong to the run that started them: tsplay waits for unfinished ones before it ends.',
  args: { jid: 'The ansible_job_id the async task registered.', mode: 'status (default) or cleanup (forget the job).', _async_dir: 'Accepted for compatibility; tsplay keeps job results in memory.' },
  examples: `# job_id: what a task with async: 600, poll: 0 registered as ansible_job_id
- name: Wait for the job
  async_status:
    jid: "{{ job_id }}"
  vars:
    job_id: "{{ reindex.ansible_job_id | default('j123456789012.4242') }}"
  register: done
  until: done.finished
  retries: 60
  delay: 10
`,
}
