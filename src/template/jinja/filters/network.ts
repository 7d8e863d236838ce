// Network filters (ansible.utils / ansible.netcommon): filled in below.
export {}
