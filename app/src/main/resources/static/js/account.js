// The account controls in the header, and the sign-in dialog (which also registers).

import { h, fill } from './dom.js';
import { currentUser, signIn, register, signOut, onSessionChange } from './api.js';

export class Account {
  constructor() {
    this.element = h('div', { class: 'account' });
    this.username = h('input', { id: 'signin-username', name: 'username', autocomplete: 'username', required: true });
    this.password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    this.message = h('p', { class: 'note' });
    this.error = h('p', { role: 'alert', class: 'error' });
    this.dialog = h(
      'dialog',
      { class: 'signin', 'aria-labelledby': 'signin-title' },
      h(
        'form',
        { method: 'dialog', onsubmit: (event) => this.submit(event, signIn) },
        h('h2', { id: 'signin-title', text: 'Sign in' }),
        this.message,
        h('div', { class: 'field' }, h('label', { for: 'signin-username', text: 'Username' }), this.username),
        h('div', { class: 'field' }, h('label', { for: 'signin-password', text: 'Password' }), this.password),
        this.error,
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', text: 'Sign in' }),
          h('button', { type: 'button', class: 'secondary', onclick: (event) => this.submit(event, register), text: 'Register' }),
          h('button', { type: 'button', class: 'secondary', onclick: () => this.dialog.close('cancel'), text: 'Cancel' }),
        ),
      ),
    );
    this.dialog.addEventListener('close', () => {
      const resolve = this.waiting;
      this.waiting = null;
      if (resolve) resolve(Boolean(currentUser()));
    });
    document.body.append(this.dialog);
    onSessionChange(() => this.render());
    this.render();
  }

  render() {
    const user = currentUser();
    if (user) {
      fill(
        this.element,
        h('span', { class: 'user' }, 'Signed in as ', h('strong', { text: user.username })),
        h('button', { type: 'button', class: 'secondary', onclick: () => signOut(), text: 'Sign out' }),
      );
    } else {
      fill(this.element, h('button', { type: 'button', onclick: () => this.ask(''), text: 'Sign in' }));
    }
  }

  /** Opens the dialog; resolves true once signed in, false when closed without. */
  ask(message) {
    fill(this.message, message);
    fill(this.error, '');
    this.password.value = '';
    if (this.waiting) this.waiting(false);
    const answer = new Promise((resolve) => (this.waiting = resolve));
    this.dialog.showModal();
    this.username.focus();
    return answer;
  }

  async submit(event, action) {
    event.preventDefault();
    fill(this.error, '');
    if (!this.username.value || !this.password.value) {
      fill(this.error, 'Enter a username and a password.');
      return;
    }
    try {
      await action(this.username.value, this.password.value);
      this.dialog.close('signed-in');
    } catch (error) {
      fill(this.error, error.message);
    }
  }
}
