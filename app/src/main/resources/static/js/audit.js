// The auditors' view: a song's every rating event from the event store, and its average over time.

import { h, fill, count, number } from './dom.js';
import { call } from './api.js';
import * as charts from './charts.js';

const ROWS = 100;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

export class AuditView {
  constructor({ alerts, navigate }) {
    this.alerts = alerts;
    this.navigate = navigate;
    this.input = h('input', { id: 'audit-song', name: 'song', required: true, placeholder: 'Title or Spotify id' });
    this.heading = h('h3', { id: 'audit-song-heading' });
    this.summary = h('p', { class: 'note', 'aria-live': 'polite' });
    this.rows = h('tbody');
    this.pageText = h('span', {});
    this.older = h('button', { type: 'button', onclick: () => this.page(this.offset - ROWS), text: 'Earlier ratings' });
    this.newer = h('button', { type: 'button', onclick: () => this.page(this.offset + ROWS), text: 'Later ratings' });
    this.chart = h('svg:svg', { class: 'chart' });
    this.result = h(
      'div',
      { hidden: true },
      this.heading,
      this.summary,
      h('figure', { 'aria-labelledby': 'audit-figure' }, h('figcaption', { id: 'audit-figure', text: 'Average rating over time' }), this.chart),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'history' },
          h('caption', { text: 'Rating history' }),
          h('thead', {}, h('tr', {}, ['Time', 'User', 'Stars', 'Previous stars', 'Position', 'Correlation id'].map((text) => h('th', { scope: 'col', text })))),
          this.rows,
        ),
      ),
      h('nav', { class: 'pager', 'aria-label': 'History pages' }, this.older, this.pageText, this.newer),
    );
    this.element = h(
      'section',
      { class: 'audit', 'aria-labelledby': 'audit-heading' },
      h('h2', { id: 'audit-heading', text: 'Audit' }),
      h(
        'form',
        { class: 'audit-form', onsubmit: (event) => this.submit(event) },
        h('div', { class: 'field' }, h('label', { for: 'audit-song', text: 'Song' }), this.input),
        h('button', { type: 'submit', text: 'Show history' }),
      ),
      this.result,
    );
  }

  submit(event) {
    event.preventDefault();
    const song = this.input.value.trim();
    if (song) this.navigate(new URLSearchParams({ view: 'audit', song }));
  }

  async show(params) {
    const wanted = params.get('song') || '';
    if (document.activeElement !== this.input) this.input.value = wanted;
    if (!wanted) {
      this.result.hidden = true;
      return;
    }
    const sequence = (this.sequence = (this.sequence || 0) + 1);
    try {
      const song = SPOTIFY_ID.test(wanted)
        ? await call(`/api/songs/${encodeURIComponent(wanted)}/`)
        : await call(`/api/music/${encodeURIComponent(wanted)}/`);
      const text = await call(`/api/songs/${encodeURIComponent(song.spotify_id)}/ratings/history/`, {
        headers: { Accept: 'application/x-ndjson' },
        as: 'text',
      });
      if (sequence !== this.sequence) return;
      this.alerts.clear('audit');
      this.events = text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
      this.render(song);
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.result.hidden = true;
      this.alerts.show(error.status === 404 ? `No song “${wanted}”.` : error.message, 'audit');
    }
  }

  render(song) {
    this.result.hidden = false;
    fill(this.heading, song.title);
    const averages = [];
    const current = new Map();
    let sum = 0;
    for (const event of this.events) {
      sum += event.stars - (current.get(event.user) || 0);
      current.set(event.user, event.stars);
      averages.push({ time: Date.parse(event.time), value: sum / current.size });
    }
    fill(
      this.summary,
      `${count(this.events.length)} rating ${this.events.length === 1 ? 'event' : 'events'} by ${count(current.size)} ` +
        `${current.size === 1 ? 'user' : 'users'}; average now ${number(current.size ? sum / current.size : 0, 2)} ` +
        `(the read model says ${number(song.average_rating, 2)} from ${count(song.total_ratings)}).`,
    );
    charts.line(this.chart, averages, { name: `Average rating of ${song.title} over time` });
    this.page(Math.max(0, Math.floor((this.events.length - 1) / ROWS) * ROWS));
  }

  page(offset) {
    this.offset = Math.max(0, offset);
    const shown = this.events.slice(this.offset, this.offset + ROWS);
    fill(
      this.rows,
      shown.map((event) =>
        h(
          'tr',
          {},
          h('td', { text: event.time }),
          h('td', { text: event.user }),
          h('td', { class: 'num', text: event.stars }),
          h('td', { class: 'num', text: event.previous_stars ?? '' }),
          h('td', { class: 'num', text: count(event.global_position) }),
          h('td', { text: event.correlation_id ?? '' }),
        ),
      ),
    );
    fill(this.pageText, this.events.length ? `Events ${count(this.offset + 1)}–${count(this.offset + shown.length)} of ${count(this.events.length)}` : 'No ratings yet');
    this.older.disabled = this.offset === 0;
    this.newer.disabled = this.offset + ROWS >= this.events.length;
  }
}
