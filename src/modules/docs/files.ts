// Docs of the modules that write, edit and read files.
import { EDIT_ARGS, FILE_ARGS, HTTP_ARGS, IGNORED, WRITE_ARGS, type ModuleDoc } from './types.js'

export const copy: ModuleDoc = {
  short: 'Copy a file or inline content to hosts',
  description:
    'Makes `dest` hold the bytes of `src` (a file on the controller, searched in the role\'s files/ and the playbook\'s files/), ' +
    'of `content`, or of a file already on the host (`remote_src`). Changed only when the checksum, mode or owner differ; ' +
    'a directory `src` is copied recursively (its contents only when it ends with a slash).',
  args: {
    src: 'File or directory on the controller (or on the host with remote_src). Relative paths are searched in files/.',
    content: 'The file\'s content, instead of src.',
    dest: 'Where the file goes on the host. Ending in a slash: a directory, the file keeps the name of src.',
    ...FILE_ARGS,
    ...WRITE_ARGS,
    force: 'Replace dest when its content differs; false only creates dest when it is missing.',
    remote_src: 'src is a path on the host, not on the controller.',
    follow: 'dest a symlink: write the file where it points; without it (default) the symlink is replaced by the file, as in Ansible.',
    directory_mode: 'Mode of the directories of a recursive copy (applied to those already there too, as in Ansible).',
    local_follow: 'With a controller directory as src: copy what its symlinks point to (default yes); no sends each symlink as a symlink. Links that lead nowhere or to one of their own parent directories are always sent as symlinks.',
    decrypt: 'A vault-encrypted controller file (or one in a src directory) is sent decrypted with the run\'s vault secrets (default yes); without secrets the task fails, as in Ansible.',
  },
  examples: `- name: A config file from the role's files/
  copy:
    src: ntp.conf
    dest: /etc/ntp.conf
    owner: root
    group: root
    mode: '0644'
    backup: true

- name: Inline content
  copy:
    content: "nameserver 10.0.0.53\\n"
    dest: /etc/resolv.conf

- name: A file already on the host
  copy:
    src: /etc/hosts
    dest: /root/hosts.orig
    remote_src: true
`,
}

export const file: ModuleDoc = {
  short: 'Manage files, directories, links and their attributes',
  description:
    'Sets a path to a state: a file (attributes only), a directory (created with its parents), a symbolic or hard link, ' +
    'touched, or absent (removed recursively). Mode, owner and group are applied, recursively with recurse.',
  args: {
    path: 'The path on the host.',
    state: 'file: exists, set its attributes; directory: create it and its parents; link/hard: a link to src; touch: create or update its times; absent: remove it. Default: file when the path exists, else what the other arguments imply.',
    src: 'The target of a link (state=link or hard).',
    ...FILE_ARGS,
    recurse: 'With state=directory, apply mode, owner and group to everything under the path.',
    force: 'With state=link, create the link even when src does not exist, or replace a file at path.',
    follow: 'Apply attributes to what a symbolic link points to.',
    access_time: "The access time to set: 'now' (always a change), 'preserve', or a time in access_time_format (host's local time). Default: now for touch, else preserve.",
    modification_time: "The modification time to set: 'now' (always a change), 'preserve', or a time in modification_time_format (host's local time). Default: now for touch, else preserve.",
    modification_time_format: 'strftime format of modification_time (%Y %m %d %H %M %S %y); default %Y%m%d%H%M.%S.',
    access_time_format: 'strftime format of access_time (%Y %m %d %H %M %S %y); default %Y%m%d%H%M.%S.',
    attributes: "File flags as chattr takes them: '+A' adds, '-A' removes, 'A' sets exactly; chattr runs unless lsattr shows exactly these flags.",
    _diff_peek: "Internal (Ansible's copy action): report appears_binary, whether the file's first 8 KiB hold a NUL; changes nothing.",
  },
  examples: `- name: A directory with its parents
  file:
    path: /etc/etcd/ssl
    state: directory
    mode: '0750'

- name: A symbolic link
  file:
    src: /opt/app/releases/1.2
    dest: /opt/app/current
    state: link

- name: Gone
  file:
    path: /tmp/scratch
    state: absent
`,
}

export const template: ModuleDoc = {
  short: 'Render a template file to hosts',
  description:
    'Renders `src` (searched in the role\'s templates/ and the playbook\'s templates/) with the task\'s variables on the controller, ' +
    'then writes it as copy does: changed only when the rendered text, mode or owner differ.',
  args: {
    src: 'The template on the controller.',
    dest: 'Where the rendered file goes on the host.',
    ...FILE_ARGS,
    ...WRITE_ARGS,
    force: 'Replace dest when its content differs; false only creates dest when it is missing.',
    newline_sequence: 'Line ending of the written file.',
    follow: IGNORED,
    trim_blocks: IGNORED,
    lstrip_blocks: IGNORED,
    output_encoding: 'Encoding of the written file (UTF-8 only).',
  },
  examples: `- name: The daemon's configuration
  template:
    src: etcd.conf.j2
    dest: /etc/default/etcd
    mode: '0644'
  notify: restart etcd
`,
}

const editExamplesNote = 'Reads the file once and writes it only when the edit changes it.'

export const lineinfile: ModuleDoc = {
  short: 'Make sure a line is in a file, or not',
  description:
    'Ensures one line is present (replacing the last line matching regexp, or inserted after/before a match) or that lines matching ' +
    'regexp, search_string or line are absent. Python regular expressions, as in Ansible.',
  args: {
    ...EDIT_ARGS,
    state: 'present: the line is there; absent: no line matches.',
    line: 'The line to put in the file.',
    regexp: 'Python regular expression: the last matching line is replaced by line (state=present) or every match removed (absent).',
    search_string: 'A literal string instead of regexp.',
    insertafter: "Where a new line goes: after the last line matching this regular expression, or 'EOF'.",
    insertbefore: "Where a new line goes: before the last line matching this regular expression, or 'BOF'.",
    backrefs: 'line may use the groups of regexp; when nothing matches, the file is left as it is.',
    firstmatch: 'insertafter/insertbefore use the first match, not the last.',
    create: 'Create the file when it does not exist.',
  },
  examples: `- name: SELinux off
  lineinfile:
    path: /etc/selinux/config
    regexp: '^SELINUX='
    line: SELINUX=disabled

- name: No root logins over ssh
  lineinfile:
    path: /etc/ssh/sshd_config
    line: PermitRootLogin no
    insertafter: '^#PermitRootLogin'
    validate: /usr/sbin/sshd -t -f %s
`,
  notes: [editExamplesNote],
}

export const blockinfile: ModuleDoc = {
  short: 'Insert, update or remove a block of lines between markers',
  description: 'Keeps a block of text between two marker lines in a file: inserted where asked, replaced when it differs, removed with state=absent.',
  args: {
    ...EDIT_ARGS,
    state: 'present: the block is there; absent: the block and its markers are removed.',
    marker: "Marker line template; '{mark}' becomes marker_begin or marker_end.",
    block: 'The text between the markers.',
    insertafter: "Where a new block goes: after the last line matching this regular expression, or 'EOF'.",
    insertbefore: "Where a new block goes: before the last line matching this regular expression, or 'BOF'.",
    create: 'Create the file when it does not exist.',
    marker_begin: "What '{mark}' becomes in the first marker.",
    marker_end: "What '{mark}' becomes in the last marker.",
  },
  examples: `- name: The cluster's hosts in /etc/hosts
  blockinfile:
    path: /etc/hosts
    block: |
      10.0.0.11 node1
      10.0.0.12 node2
    marker: '# {mark} CLUSTER HOSTS'
`,
  notes: [editExamplesNote],
}

export const replace: ModuleDoc = {
  short: 'Replace every match of a regular expression in a file',
  description: 'Replaces all matches of a Python regular expression, optionally only between after and before.',
  args: {
    ...EDIT_ARGS,
    regexp: 'Python regular expression to look for (multiline).',
    replace: 'Replacement text; may use the groups of regexp (\\1, \\g<name>).',
    after: 'Only replace after the first match of this regular expression.',
    before: 'Only replace before the last match of this regular expression.',
    encoding: 'Encoding of the file (UTF-8 only).',
  },
  examples: `- name: New server name everywhere
  replace:
    path: /etc/app/app.conf
    regexp: 'old\\.example\\.com'
    replace: new.example.com
`,
}

export const stat: ModuleDoc = {
  short: 'Facts about a path on the host',
  description: 'Returns `stat` as Ansible\'s stat does (exists, isdir, isreg, islnk, mode, uid, gid, pw_name, gr_name, size, atime, mtime, ctime, checksum, readable, writeable, mimetype, attributes, …) for register. Never changes anything.',
  args: {
    path: 'The path on the host.',
    follow: 'Follow a symbolic link to what it points to.',
    get_checksum: 'Compute the file\'s checksum.',
    checksum_algorithm: 'Algorithm of the checksum.',
    get_md5: 'Also give the md5 of a regular file (md5).',
    get_mime: "Give the mime type and charset (mimetype, charset) as `file` says; 'unknown' on a host without it.",
    get_attributes: 'Give the file attributes lsattr shows (attributes, attr_flags, version).',
  },
  examples: `- name: Is etcd's data directory there?
  stat:
    path: /var/lib/etcd/member
  register: etcd_data
`,
}

export const fetch: ModuleDoc = {
  short: 'Copy a file from hosts to the controller',
  description: 'Copies a file of each host to dest/HOSTNAME/PATH on the controller (or to dest itself with flat). Changed when the local copy differs (sha1, returned as checksum and remote_checksum).',
  args: {
    src: 'The file on the host (required); a leading ~ is the home of the user the task runs as (the become user with become).',
    dest: 'Directory (or, with flat, the file) on the controller (required); relative to the playbook directory. Check mode skips the task, as in Ansible.',
    flat: 'Write to dest as given, without the host name and path under it.',
    fail_on_missing: 'Fail when src does not exist on the host.',
    validate_checksum: 'Compare the checksums of both copies after the transfer.',
  },
  examples: `- name: Each host's kubeconfig, side by side
  fetch:
    src: /etc/kubernetes/admin.conf
    dest: fetched/
`,
}

export const unarchive: ModuleDoc = {
  short: 'Unpack a tar or zip archive on hosts',
  description: 'Unpacks an archive from the controller (copied first) or from the host (remote_src) into dest; mode, owner and group apply to every unpacked member. creates skips the task when a path exists. A URL as src is refused.',
  args: {
    src: 'The archive: on the controller, or on the host with remote_src.',
    dest: 'Existing directory on the host to unpack into.',
    remote_src: 'src is on the host.',
    creates: 'Do nothing when this path exists.',
    extra_opts: 'More arguments for tar or unzip.',
    exclude: 'Archive members not to unpack (globs); they are left out of `files` too.',
    include: 'Only these archive members are unpacked (mutually exclusive with exclude).',
    owner: FILE_ARGS.owner,
    group: FILE_ARGS.group,
    mode: FILE_ARGS.mode,
    list_files: 'Return the archive\'s members in `files`.',
    keep_newer: 'Files in dest newer than their archive member are not replaced.',
    validate_certs: IGNORED,
    io_buffer_size: IGNORED,
  },
  examples: `- name: A release
  unarchive:
    src: app-1.2.tar.gz
    dest: /opt/app
    creates: /opt/app/bin/app
`,
}

export const get_url: ModuleDoc = {
  short: 'Download a file from a URL to hosts',
  description: 'The host downloads url with curl to dest; with checksum, a dest that already matches is not downloaded again.',
  args: {
    ...HTTP_ARGS,
    dest: 'Where the file goes on the host (a directory: the URL\'s file name).',
    force: 'Download again even when dest exists.',
    checksum: "'sha256:HEX' (or md5, sha1, sha512): dest must match it.",
    ...FILE_ARGS,
    backup: WRITE_ARGS.backup,
    tmp_dest: 'Directory for the download in progress.',
  },
  examples: `- name: etcd's release
  get_url:
    url: https://example.com/etcd-v3.5.tar.gz
    dest: /opt/etcd-v3.5.tar.gz
    checksum: sha256:0f8f7d5fca0d1bfba5ce6d36f4b0ad4b8a7b1b1a1b5b7f3e5e1c0a3f1d2e4c6b
    mode: '0644'
`,
}
