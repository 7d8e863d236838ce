// git's arguments and documentation (the module is in git.ts, its sh in lib/git-script.ts).
const bool = (def: boolean, description: string) => ({ type: 'boolean', default: def, description })

export const gitSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['repo'],
  description:
    'Makes dest a checkout of a git repository at a version (branch, tag, commit or HEAD): clones it when missing, otherwise ' +
    'fetches and checks the version out; changed when the commit, the remote URL or the submodules changed. Local changes to ' +
    'tracked files fail the task unless force. One round trip; git runs on the host (needs git there).',
  examples: [
    `- name: The app at a tag
  git:
    repo: https://git.example.com/app.git
    dest: /srv/app
    version: v1.4.2

- name: A bare mirror, from a repository on the host itself
  git:
    repo: /srv/git/app.git
    dest: /srv/mirror/app.git
    bare: true

- name: Over ssh with a deploy key, a shallow clone
  git:
    repo: git@git.example.com:ops/tools.git
    dest: /opt/tools
    key_file: /root/.ssh/deploy_tools
    accept_newhostkey: true
    depth: 1
`,
  ],
  properties: {
    repo: { type: 'string', aliases: ['name'], description: 'The repository: a URL (https, ssh, git, file) or a path on the host (made a file:// URL).' },
    dest: { type: 'string', description: 'Where the checkout goes (expanded on the host). Required unless clone=false.' },
    version: { type: 'string', default: 'HEAD', description: 'Branch, tag or full SHA-1 to check out; HEAD is the remote\'s default branch.' },
    remote: { type: 'string', default: 'origin', description: 'Name of the remote.' },
    refspec: { type: 'string', description: 'An additional refspec to fetch (for a SHA-1 no branch or tag reaches).' },
    reference: { type: 'string', description: 'A reference repository (git clone --reference).' },
    force: bool(false, 'Discard local modifications of tracked files instead of failing.'),
    depth: { type: 'integer', description: 'Shallow clone with this many commits of history (HEAD, branches, tags or with refspec).' },
    clone: bool(true, 'Clone when dest is not a repository; false only reports what the remote has.'),
    update: bool(true, 'Fetch new revisions; false leaves an existing checkout as it is.'),
    verify_commit: bool(false, 'Verify the GPG signature of the commit or tag (needs gpg and the key on the host).'),
    gpg_whitelist: { type: 'array', items: { type: 'string' }, default: [], description: 'Fingerprints allowed to sign, with verify_commit.' },
    accept_hostkey: bool(false, 'Add -o StrictHostKeyChecking=no to ssh (no protection against a man in the middle).'),
    accept_newhostkey: bool(false, 'Add -o StrictHostKeyChecking=accept-new to ssh (OpenSSH 7.5 and later).'),
    key_file: { type: 'string', description: 'A private key on the host for ssh (adds -i KEY -o IdentitiesOnly=yes).' },
    ssh_opts: { type: 'string', description: 'More ssh options, as shell text (BatchMode=yes is always added).' },
    executable: { type: 'string', description: 'The git program to run (default: git from PATH).' },
    bare: bool(false, 'Make a bare repository (no working tree).'),
    recursive: bool(true, 'Clone and update submodules.'),
    single_branch: bool(false, 'Clone only the history of the version.'),
    track_submodules: bool(false, 'Submodules follow the latest commit of their remote master branch.'),
    umask: { type: ['string', 'integer'], description: "The umask for the checkout, as a quoted octal string ('0022')." },
    archive: { type: 'string', description: 'Also write an archive of the version here (.zip, .tar, .tar.gz or .tgz); changed when it differs.' },
    archive_prefix: { type: 'string', description: 'A prefix for every path in the archive (needs archive).' },
    separate_git_dir: { type: 'string', description: 'Keep the repository here, apart from the working tree (moved there when it exists elsewhere).' },
  },
}
