// pip's arguments and documentation (the module is in pip.ts).
export const pipSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    'Installs, upgrades or removes Python packages with pip on the host, optionally in a virtualenv it creates. Named packages ' +
    'already as asked (pip list) cost one round trip and run no pip install; requirements files, URLs, paths, latest and ' +
    'forcereinstall run pip as Ansible does and report changed from its output. Needs Python and pip on the host.',
  examples: [
    `- name: A virtualenv with pinned packages
  pip:
    name:
      - requests==2.31.0
      - "urllib3>=2,<3"
    virtualenv: /srv/app/venv
    virtualenv_command: python3 -m venv

- name: From a directory of wheels on the host, no index
  pip:
    name: mytool
    virtualenv: /opt/mytool
    virtualenv_command: python3 -m venv
    extra_args: --no-index --find-links /srv/wheels

- name: A requirements file
  pip:
    requirements: /srv/app/requirements.txt
    virtualenv: /srv/app/venv
`,
  ],
  properties: {
    name: { type: 'array', items: { type: 'string' }, description: 'Packages (with version specifiers), URLs (git+https://…) or paths; a string is split on commas.' },
    version: { type: 'string', description: 'The version of the one package in name (==, or a specifier when it does not start with a digit).' },
    requirements: { type: 'string', description: 'A requirements file on the host (relative to chdir).' },
    virtualenv: { type: 'string', description: 'Install into this virtualenv (relative to chdir), created when bin/activate is missing.' },
    virtualenv_site_packages: { type: 'boolean', default: false, description: 'A new virtualenv sees the system site-packages.' },
    virtualenv_command: { type: 'string', default: 'virtualenv', description: "What creates the virtualenv: 'virtualenv', 'python3 -m venv', a path…" },
    virtualenv_python: { type: 'string', description: 'The Python for a new virtualenv (virtualenv -p; not with venv).' },
    state: { enum: ['present', 'absent', 'latest', 'forcereinstall'], default: 'present', description: 'present, absent, latest (pip install -U) or forcereinstall.' },
    extra_args: { type: 'string', description: 'More pip arguments, split as a shell would (e.g. --no-index --find-links DIR).' },
    editable: { type: 'boolean', default: false, description: 'Pass -e (editable install).' },
    chdir: { type: 'string', description: 'The directory pip runs in (default: the temporary directory).' },
    executable: { type: 'string', description: 'The pip to run (pip3.11, /usr/local/bin/pip…); not with virtualenv.' },
    umask: { type: 'string', description: "The umask for the install, as an octal string ('0022')." },
  },
}
