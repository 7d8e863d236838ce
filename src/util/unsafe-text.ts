// Scalars YAML's Ansible tags produce, kept apart from plain strings:
//   UnsafeText   `!unsafe 'a{{b}}'` (Ansible's AnsibleUnsafeText): a string no template engine ever renders.
//                A String object, so it prints, concatenates and serialises to JSON as its text.
//   VaultedText  `!vault |` read without a vault password: the ciphertext, which nothing may use as a value.

export class UnsafeText extends String {}

export class VaultedText {
  constructor(readonly ciphertext: string) {}

  /** ansible-inventory --list prints an undecrypted vault value this way. */
  toJSON(): { __ansible_vault: string } {
    return { __ansible_vault: this.ciphertext }
  }
}
