// The operators' view: each projection's position, lag and state, its rebuild with progress and
// ETA, and its parked events (dead letters) with a retry.

import { h, fill, count, duration } from './dom.js';
import { call } from './api.js';

const REFRESH_MS = 2000;
const REFRESH_REBUILDING_MS = 500;
const FINISHED = ['done', 'failed'];

export class OperationsView {
  constructor({ alerts }) {
    this.alerts = alerts;
    this.list = h('div', { class: 'projections' });
    this.replicas = h('tbody');
    this.replicaBox = h(
      'section',
      { class: 'projection', 'aria-labelledby': 'replicas-heading', hidden: true },
      h('h3', { id: 'replicas-heading', text: 'Read replicas' }),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          {},
          h('caption', { class: 'visually-hidden', text: 'Read replicas' }),
          h('thead', {}, h('tr', {}, ['Replica', 'State', 'Lag', 'WAL to replay', 'Problem'].map((text) => h('th', { scope: 'col', text })))),
          this.replicas,
        ),
      ),
    );
    this.element = h(
      'section',
      { class: 'operations', 'aria-labelledby': 'operations-heading' },
      h('h2', { id: 'operations-heading', text: 'Operations' }),
      h('p', { class: 'note', text: 'The read model’s projections. A rebuild replays the event store into a new copy; searches keep reading the old one until it has caught up.' }),
      this.list,
      this.replicaBox,
    );
    this.sections = new Map();
  }

  async show() {
    clearTimeout(this.timer);
    let rebuilding = false;
    try {
      const status = await call('/api/admin/projections/');
      this.alerts.clear('operations');
      this.showReplicas(status.replicas || []);
      for (const projection of status.projections) {
        this.section(projection.name).render(projection);
        rebuilding ||= Boolean(projection.rebuild && !FINISHED.includes(projection.rebuild.state));
      }
    } catch (error) {
      this.alerts.show(error.message, 'operations');
    }
    if (this.element.isConnected) {
      this.timer = setTimeout(() => this.element.isConnected && this.show(), rebuilding ? REFRESH_REBUILDING_MS : REFRESH_MS);
    }
  }

  /** Each replica's state and lag, as the node's latest check found them (none without replicas). */
  showReplicas(replicas) {
    this.replicaBox.hidden = replicas.length === 0;
    fill(
      this.replicas,
      replicas.map((replica) =>
        h(
          'tr',
          {},
          h('td', { text: replica.name }),
          h('td', { text: replica.state }),
          h('td', { class: 'num', text: replica.lag_ms < 0 ? '?' : `${count(replica.lag_ms)} ms` }),
          h('td', { class: 'num', text: replica.lag_bytes < 0 ? '?' : `${count(replica.lag_bytes)} bytes` }),
          h('td', { text: replica.problem || '' }),
        ),
      ),
    );
  }

  section(name) {
    if (!this.sections.has(name)) {
      const section = new ProjectionSection(name, () => this.show(), this.alerts);
      this.sections.set(name, section);
      this.list.append(section.element);
    }
    return this.sections.get(name);
  }
}

class ProjectionSection {
  constructor(name, refresh, alerts) {
    this.name = name;
    this.refresh = refresh;
    this.alerts = alerts;
    const id = `projection-${name}`;
    this.facts = h('dl', { class: 'facts' });
    this.progress = h('progress', { max: 100, 'aria-label': `Rebuild of ${name}` });
    this.progressText = h('span', { class: 'progress-text' });
    this.progressBox = h('div', { class: 'progress', hidden: true }, this.progress, this.progressText);
    this.rebuildButton = h('button', { type: 'button', onclick: () => this.rebuild(), text: 'Rebuild' });
    this.retryButton = h('button', { type: 'button', onclick: () => this.retry(), text: 'Retry' });
    this.letters = h('tbody');
    this.lettersNote = h('p', { class: 'note' });
    this.retryStatus = h('p', { role: 'status' });
    this.element = h(
      'section',
      { class: 'projection', 'aria-labelledby': id },
      h('h3', { id, text: `Projection ${name}` }),
      this.facts,
      h('div', { class: 'actions' }, this.rebuildButton),
      this.progressBox,
      h('h4', { text: 'Dead letters' }),
      this.lettersNote,
      (this.lettersBox = h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          {},
          h('caption', { class: 'visually-hidden', text: `Dead letters of ${name}` }),
          h('thead', {}, h('tr', {}, ['Song', 'Event', 'Type', 'Parked at', 'Cause'].map((text) => h('th', { scope: 'col', text })))),
          this.letters,
        ),
      )),
      h('div', { class: 'actions' }, this.retryButton),
      this.retryStatus,
    );
  }

  render(status) {
    const fact = (name, value) => [h('dt', { text: name }), h('dd', { text: value })];
    fill(
      this.facts,
      fact('State', status.state),
      fact('Position', count(status.position)),
      fact('Head of the event store', count(status.head)),
      fact('Lag', `${count(status.lag_events)} events, ${count(status.lag_ms)} ms`),
    );
    const rebuild = status.rebuild;
    const running = Boolean(rebuild && !FINISHED.includes(rebuild.state));
    this.rebuildButton.disabled = running;
    if (rebuild && (running || this.watching === rebuild.id)) {
      this.watching = rebuild.id;
      this.progressBox.hidden = false;
      const percent = rebuild.state === 'done' ? 100 : Math.floor(rebuild.progress_percent || 0);
      this.progress.value = percent;
      this.progress.setAttribute('aria-valuetext', `${percent}%`);
      const eta = rebuild.eta_seconds !== undefined && running ? `, about ${duration(rebuild.eta_seconds * 1000)} left` : '';
      const speed = rebuild.events_per_second ? `, ${count(rebuild.events_per_second)} events/s` : '';
      fill(
        this.progressText,
        running
          ? `Rebuilding: ${percent}% (${count(rebuild.events)} of ${count(rebuild.target)} events${speed}${eta})`
          : `Rebuild ${rebuild.state}: ${count(rebuild.events)} events${rebuild.error ? `: ${rebuild.error}` : ''}`,
      );
    }
    const letters = status.dead_letters ? status.dead_letters.letters : [];
    fill(
      this.letters,
      letters.map((letter) =>
        h('tr', {}, h('td', { text: letter.sequence }), h('td', { text: letter.event_id }), h('td', { text: letter.payload_type }), h('td', { text: letter.enqueued_at }), h('td', { text: letter.cause })),
      ),
    );
    const total = status.dead_letters ? status.dead_letters.count : 0;
    fill(this.lettersNote, total ? `${count(total)} parked ${total === 1 ? 'event' : 'events'}` : 'No parked events.');
    this.retryButton.disabled = total === 0;
    this.lettersBox.hidden = total === 0;
  }

  async rebuild() {
    this.rebuildButton.disabled = true;
    try {
      const answer = await call(`/api/admin/projections/${encodeURIComponent(this.name)}/rebuild/`, { method: 'POST' });
      this.watching = answer.rebuild.id;
      this.alerts.clear('operations');
    } catch (error) {
      this.alerts.show(error.message, 'operations');
    }
    this.refresh();
  }

  async retry() {
    this.retryButton.disabled = true;
    try {
      const answer = await call(`/api/admin/projections/${encodeURIComponent(this.name)}/dead-letters/retry/`, { method: 'POST' });
      fill(this.retryStatus, `${count(answer.retried)} applied again, ${count(answer.remaining)} still parked.`);
      this.alerts.clear('operations');
    } catch (error) {
      this.alerts.show(error.message, 'operations');
    }
    this.refresh();
  }
}
