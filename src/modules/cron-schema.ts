// cron's arguments and documentation (the module is in cron.ts).
const field = (what: string, range: string, aliases?: string[]) => ({
  type: 'string', default: '*', ...(aliases ? { aliases } : {}), description: `${what} the job runs (${range}, *, */2, lists and ranges).`,
})

export const cronSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  description:
    "Manages named jobs in a user's crontab or in a file under /etc/cron.d: each job sits under a '#Ansible: <name>' line, by which later " +
    'runs find it (a new name is a new job). With env, manages an environment variable line (NAME="value") instead. The user crontab ' +
    'needs the crontab command on the host (cron, cronie); a cron_file does not.',
  examples: [
    `- name: A nightly cleanup, in root's crontab
  cron:
    name: cleanup
    minute: "30"
    hour: "2"
    job: "find /var/tmp -mtime +7 -delete"

- name: A job in /etc/cron.d/app
  cron:
    name: app report
    cron_file: app
    user: app
    special_time: hourly
    job: /opt/app/bin/report

- name: PATH for the jobs
  cron:
    name: PATH
    env: true
    job: /usr/local/bin:/usr/bin:/bin

- name: The old job removed
  cron:
    name: cleanup
    state: absent
`,
  ],
  properties: {
    name: { type: 'string', description: "The job's name (its '#Ansible: <name>' line), or the variable's name with env." },
    user: { type: 'string', description: "Whose crontab (default: the user running the task); with cron_file, the user the job runs as (required there)." },
    job: { type: 'string', aliases: ['value'], description: 'The command (one line), or the variable\'s value with env. Required for present.' },
    state: { enum: ['present', 'absent'], default: 'present', description: 'Whether the job or variable is there.' },
    cron_file: { type: 'string', description: "A file of its own instead of a crontab: relative names are under /etc/cron.d. Removed when its last job goes. Never /etc/crontab." },
    backup: { type: 'boolean', default: false, description: 'Before a change, keep a copy of the crontab in a new /tmp/crontab* file (backup_file).' },
    minute: field('Minute', '0-59'),
    hour: field('Hour', '0-23'),
    day: field('Day of the month', '1-31', ['dom']),
    month: field('Month', '1-12'),
    weekday: field('Day of the week', '0-6 for Sunday-Saturday', ['dow']),
    special_time: { enum: ['annually', 'daily', 'hourly', 'monthly', 'reboot', 'weekly', 'yearly'], description: 'A nickname (@daily, @reboot…) instead of the five time fields.' },
    disabled: { type: 'boolean', default: false, description: 'Keep the job commented out (state=present only).' },
    env: { type: 'boolean', default: false, description: 'Manage an environment variable line instead of a job; new ones go to the top.' },
    insertafter: { type: 'string', description: 'With env: put a new variable after this variable.' },
    insertbefore: { type: 'string', description: 'With env: put a new variable before this variable.' },
  },
}
