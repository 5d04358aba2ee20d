// The page's entry: the header, the views and their routing by the location's query, the alert
// for errors, and the live rating figures from the service's event stream.

import { h, fill } from './dom.js';
import { currentUser, hasRole, onSessionChange } from './api.js';
import { Account } from './account.js';
import { CatalogView } from './catalog.js';
import { SongDialog } from './song.js';
import { OperationsView } from './operations.js';
import { AuditView } from './audit.js';
import { ForYouView } from './foryou.js';

/** One alert for the page; each view sets and clears its own message in it. */
class Alerts {
  constructor(element) {
    this.element = element;
    this.messages = new Map();
  }

  show(message, source = 'page') {
    this.messages.set(source, message);
    this.render();
  }

  clear(source = 'page') {
    if (this.messages.delete(source)) this.render();
  }

  render() {
    const messages = [...this.messages.values()];
    fill(this.element, messages.map((message) => h('p', { text: message })));
    this.element.hidden = messages.length === 0;
  }
}

const alerts = new Alerts(document.getElementById('alert'));
const main = document.getElementById('main');

function navigate(params, { replace = false } = {}) {
  const text = params.toString();
  const url = text ? `?${text}` : location.pathname;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  route();
}

const account = new Account();
document.getElementById('account').append(account.element);
const song = new SongDialog({
  onFigures: (figures) => catalog.updateFigures(figures),
  onRated: (token) => forYou.rated(token),
  askToSignIn: (message) => account.ask(message),
  navigate,
});
const catalog = new CatalogView({ navigate, alerts, openSong: (found) => song.open(found) });
const operations = new OperationsView({ alerts });
const audit = new AuditView({ alerts, navigate });
const forYou = new ForYouView({ alerts, openSong: (found) => song.open(found) });

const VIEWS = {
  catalog: { view: catalog, title: 'Catalog' },
  'for-you': { view: forYou, title: 'For you', signedIn: true },
  operations: { view: operations, title: 'Operations', role: 'ADMIN', who: 'an administrator' },
  audit: { view: audit, title: 'Audit', role: 'AUDITOR', who: 'an auditor' },
};

function route() {
  const params = new URLSearchParams(location.search);
  const name = Object.hasOwn(VIEWS, params.get('view') || '') ? params.get('view') : 'catalog';
  const { view, title, role, who, signedIn } = VIEWS[name];
  for (const link of document.querySelectorAll('nav.views a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${title} · Music`;
  for (const source of ['catalog', 'for-you', 'operations', 'audit', 'page']) if (source !== name) alerts.clear(source);
  if (signedIn && !currentUser()) {
    fill(
      main,
      h('section', {}, h('h2', { text: title }), h('p', {}, 'Sign in to see songs chosen for you. ', h('button', { type: 'button', onclick: () => account.ask(''), text: 'Sign in' }))),
    );
    return;
  }
  if (role && !hasRole(role)) {
    fill(
      main,
      h('section', {}, h('h2', { text: title }), h('p', {}, `Sign in as ${who} to see this view. `, h('button', { type: 'button', onclick: () => account.ask(''), text: 'Sign in' }))),
    );
    return;
  }
  if (view.element.parentNode !== main) fill(main, view.element);
  view.show(params);
}

function showNavigation() {
  document.querySelector('a[data-view="for-you"]').hidden = !currentUser();
  document.querySelector('a[data-view="operations"]').hidden = !hasRole('ADMIN');
  document.querySelector('a[data-view="audit"]').hidden = !hasRole('AUDITOR');
}

document.querySelector('nav.views').addEventListener('click', (event) => {
  const link = event.target.closest('a[data-view]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.dataset.view === 'catalog' ? new URLSearchParams() : new URLSearchParams({ view: link.dataset.view }));
});
window.addEventListener('popstate', route);
onSessionChange(() => {
  showNavigation();
  route();
});

// Live figures: the projection's new averages as it applies ratings; EventSource reconnects by itself.
const live = new EventSource('/api/events/ratings/');
live.addEventListener('rating', (event) => {
  const figures = JSON.parse(event.data);
  catalog.updateFigures(figures);
  song.updateFigures(figures);
});

showNavigation();
route();
