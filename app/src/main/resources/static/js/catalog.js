// The catalog view: search, filters, the sortable and paged table, CSV download and the charts
// of the whole filtered catalog. Everything it shows follows the location's query, so that a
// reload shows the same view and Back the previous one.

import { h, fill, duration, number, count, stars } from './dom.js';
import { call } from './api.js';
import * as charts from './charts.js';

export const COLUMNS = [
  { name: 'Title', field: 'title' },
  { name: 'Rating', field: 'average_rating' },
  { name: 'Ratings', field: 'total_ratings' },
  { name: 'Danceability', field: 'danceability' },
  { name: 'Energy', field: 'energy' },
  { name: 'Tempo', field: 'tempo' },
  { name: 'Duration', field: 'duration_ms' },
];
const FILTERS = [
  ['energy', 'energy'],
  ['tempo', 'tempo'],
  ['danceability', 'danceability'],
];
const PAGE_SIZES = ['10', '25', '50', '100'];
export const DEFAULT_PAGE_SIZE = '10';
const DEFAULT_ORDERING = '-total_ratings';
/** Parameters of the page itself, not of the API. */
const PAGE_ONLY = ['view', 'song'];
const SEARCH_DELAY_MS = 250;

export class CatalogView {
  /**
   * @param navigate (params, {replace}) => void: moves the location to new query parameters
   * @param alerts {show(message), clear()}
   * @param openSong (song) => void
   */
  constructor({ navigate, alerts, openSong }) {
    this.navigate = navigate;
    this.alerts = alerts;
    this.openSong = openSong;
    this.sequence = 0;
    this.songs = new Map();
    this.statisticsKey = null;
    this.element = this.build();
  }

  build() {
    this.search = h('input', {
      id: 'search',
      type: 'search',
      placeholder: 'Search titles (typos are fine)',
      autocomplete: 'off',
      oninput: () => this.searchTyped(),
      onkeydown: (event) => event.key === 'Enter' && (event.preventDefault(), this.searchTyped(0)),
    });
    this.filterInputs = [];
    const filters = FILTERS.flatMap(([field, label]) =>
      ['min', 'max'].map((bound) => {
        const name = `${bound}_${field}`;
        const input = h('input', {
          id: name,
          name,
          type: 'number',
          step: 'any',
          inputmode: 'decimal',
          onchange: () => this.filterChanged(input),
        });
        this.filterInputs.push(input);
        return h('div', { class: 'field' }, h('label', { for: name, text: `${bound === 'min' ? 'Min' : 'Max'} ${label}` }), input);
      }),
    );
    this.pageSize = h(
      'select',
      { id: 'page-size', onchange: () => this.change({ page_size: this.pageSize.value, page: null }) },
      PAGE_SIZES.map((size) => h('option', { value: size, text: size })),
    );
    this.csv = h('a', { class: 'button', href: '/api/export/music.csv', download: 'music.csv', text: 'Download CSV' });
    this.summary = h('p', { class: 'summary', 'aria-live': 'polite' });
    this.headers = COLUMNS.map((column) =>
      h(
        'th',
        { scope: 'col', 'data-field': column.field },
        h(
          'button',
          { type: 'button', class: 'sort', onclick: () => this.sortBy(column.field) },
          column.name,
          h('span', { class: 'sort-mark', 'aria-hidden': 'true' }),
        ),
      ),
    );
    this.rows = h('tbody');
    this.table = h(
      'table',
      { class: 'songs' },
      h('caption', { class: 'visually-hidden', text: 'Songs' }),
      h('thead', {}, h('tr', {}, this.headers)),
      this.rows,
    );
    this.pageText = h('span', { class: 'page-text' });
    this.pager = {
      first: h('button', { type: 'button', onclick: () => this.change({ page: '1' }) }, h('span', { 'aria-hidden': 'true', text: '« ' }), 'First page'),
      previous: h('button', { type: 'button', onclick: () => this.change({ page: String(this.number - 1) }) }, h('span', { 'aria-hidden': 'true', text: '‹ ' }), 'Previous page'),
      next: h('button', { type: 'button', onclick: () => this.change({ page: String(this.number + 1) }) }, 'Next page', h('span', { 'aria-hidden': 'true', text: ' ›' })),
      last: h('button', { type: 'button', onclick: () => this.change({ page: String(this.pages) }) }, 'Last page', h('span', { 'aria-hidden': 'true', text: ' »' })),
    };
    this.figures = {
      scatter: this.figure('Danceability against energy'),
      duration: this.figure('Duration'),
      acousticness: this.figure('Acousticness'),
      tempo: this.figure('Tempo'),
    };
    this.chartsNote = h('p', { class: 'note', 'aria-live': 'polite' });
    return h(
      'section',
      { class: 'catalog', 'aria-labelledby': 'catalog-heading' },
      h('h2', { id: 'catalog-heading', class: 'visually-hidden', text: 'Catalog' }),
      h(
        'form',
        { role: 'search', class: 'search', onsubmit: (event) => event.preventDefault() },
        h('label', { for: 'search', text: 'Search titles' }),
        this.search,
      ),
      h(
        'details',
        { class: 'filters', open: window.matchMedia('(min-width: 700px)').matches },
        h('summary', { text: 'Filters' }),
        h(
          'div',
          { class: 'filter-grid' },
          filters,
          h('button', { type: 'button', class: 'secondary', onclick: () => this.clearFilters(), text: 'Clear filters' }),
        ),
      ),
      h('div', { class: 'toolbar' }, this.summary, this.csv),
      h('div', { class: 'table-scroll' }, this.table),
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Pagination' },
        this.pager.first,
        this.pager.previous,
        this.pageText,
        this.pager.next,
        this.pager.last,
        h('span', { class: 'field inline' }, h('label', { for: 'page-size', text: 'Rows per page' }), this.pageSize),
      ),
      h(
        'section',
        { class: 'charts', 'aria-labelledby': 'charts-heading' },
        h('h2', { id: 'charts-heading', text: 'The filtered catalog in charts' }),
        this.chartsNote,
        h('div', { class: 'chart-grid' }, Object.values(this.figures).map((figure) => figure.element)),
      ),
    );
  }

  figure(caption) {
    const id = `figure-${caption.split(' ')[0].toLowerCase()}`;
    const chart = h('svg:svg', { class: 'chart' });
    const text = h('figcaption', { id, text: caption });
    // named by its caption explicitly: not every browser derives a figure's name from it
    return { element: h('figure', { 'aria-labelledby': id }, text, chart), chart, caption: text };
  }

  /** Shows the view for these query parameters. */
  async show(params) {
    this.params = params;
    const query = params.get('q') || '';
    if (document.activeElement !== this.search) this.search.value = query;
    for (const input of this.filterInputs) {
      if (document.activeElement !== input) input.value = params.get(input.name) || '';
    }
    this.pageSize.value = String(pageSize(params.get('page_size')));
    if (this.pageSize.value === '') {
      // a size the location names that the selector does not offer: shown as what the API makes of it
      this.pageSize.append(h('option', { value: pageSize(params.get('page_size')), text: pageSize(params.get('page_size')) }));
      this.pageSize.value = String(pageSize(params.get('page_size')));
    }
    this.markSort(query ? null : params.get('ordering') || DEFAULT_ORDERING, Boolean(query));
    this.csv.href = '/api/export/music.csv' + queryString(this.apiParams(params, ['q', 'page', 'page_size']));
    await Promise.all([this.showPage(params), this.showCharts(params)]);
  }

  /** The API's parameters: the location's, less the page's own and those named. */
  apiParams(params, without = []) {
    const api = new URLSearchParams(params);
    for (const name of [...PAGE_ONLY, ...without]) api.delete(name);
    return api;
  }

  async showPage(params) {
    const sequence = ++this.sequence;
    const query = params.get('q') || '';
    const api = this.apiParams(params, query ? ['ordering'] : ['q']);
    if (!api.get('page_size')) api.set('page_size', DEFAULT_PAGE_SIZE);
    const path = (query ? '/api/search/' : '/api/music/') + queryString(api);
    this.table.setAttribute('aria-busy', 'true');
    try {
      const page = await call(path);
      if (sequence !== this.sequence) return;
      this.alerts.clear('catalog');
      this.render(page, params, query);
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.render({ count: 0, results: [] }, params, query, true);
      this.alerts.show(error.message, 'catalog');
      this.retryLater(error, sequence);
    } finally {
      if (sequence === this.sequence) this.table.removeAttribute('aria-busy');
    }
  }

  /** After the service was away (0) or busy (503), shows the same view again by itself. */
  retryLater(error, sequence) {
    if (error.status !== 0 && error.status !== 503) return;
    const seconds = Math.min(Math.max(error.retryAfter || 3, 1), 30);
    setTimeout(() => {
      if (sequence === this.sequence && this.element.isConnected) this.show(this.params);
    }, seconds * 1000);
  }

  render(page, params, query, failed = false) {
    const size = Number(this.pageSize.value);
    this.pages = Math.max(1, Math.ceil(page.count / size));
    const requested = params.get('page');
    this.number = failed ? 1 : requested === 'last' ? this.pages : Math.max(1, Number(requested) || 1);
    this.songs.clear();
    fill(this.rows, page.results.map((song) => this.row(song)));
    if (!page.results.length && !failed) {
      const suggestion = page.suggestion
        ? h('span', {}, ' Did you mean ', h('button', { type: 'button', class: 'link', onclick: () => this.change({ q: page.suggestion, page: null }), text: page.suggestion }), '?')
        : null;
      fill(this.rows, h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'empty' }, 'No songs match.', suggestion)));
    }
    fill(this.pageText, `Page ${count(this.number)} of ${count(this.pages)}`);
    this.pager.first.disabled = this.pager.previous.disabled = this.number <= 1;
    this.pager.next.disabled = this.pager.last.disabled = this.number >= this.pages;
    if (failed) fill(this.summary, '');
    else if (query) fill(this.summary, `${count(page.count)} ${page.count === 1 ? 'match' : 'matches'} for “${query}”, best first`);
    else fill(this.summary, `${count(page.count)} ${page.count === 1 ? 'song' : 'songs'}`);
  }

  row(song) {
    this.songs.set(song.id, song);
    const title = h('button', { type: 'button', class: 'link title', onclick: () => this.openSong(song) });
    if (song.highlight) title.innerHTML = song.highlight; // escaped by the API, with <mark> around matches
    else title.textContent = song.title;
    return h(
      'tr',
      { 'data-song': song.id },
      h('th', { scope: 'row' }, title),
      h('td', { class: 'rating' }, h('span', { class: 'stars', 'aria-hidden': 'true', text: stars(song.average_rating) }), ' ', h('span', { class: 'average', text: number(song.average_rating, 2) })),
      h('td', { class: 'num total', text: count(song.total_ratings) }),
      h('td', { class: 'num', text: number(song.danceability) }),
      h('td', { class: 'num', text: number(song.energy) }),
      h('td', { class: 'num', text: number(song.tempo, 1) }),
      h('td', { class: 'num', text: duration(song.duration_ms) }),
    );
  }

  /** New rating figures of a song ({id, average_rating, total_ratings}), from a rating or the live stream. */
  updateFigures(figures) {
    const song = this.songs.get(figures.id);
    if (!song) return;
    song.average_rating = figures.average_rating;
    song.total_ratings = figures.total_ratings;
    const row = this.rows.querySelector(`tr[data-song="${figures.id}"]`);
    if (!row) return;
    row.querySelector('.stars').textContent = stars(figures.average_rating);
    row.querySelector('.average').textContent = number(figures.average_rating, 2);
    row.querySelector('.total').textContent = count(figures.total_ratings);
  }

  async showCharts(params) {
    const api = this.apiParams(params, ['q', 'page', 'page_size', 'ordering']);
    const key = api.toString();
    if (key === this.statisticsKey) return;
    this.statisticsKey = key;
    fill(this.chartsNote, 'Counting…');
    try {
      const statistics = await call('/api/statistics/' + queryString(api));
      if (key !== this.statisticsKey) return;
      this.drawCharts(statistics, params.get('q'));
    } catch (error) {
      if (key !== this.statisticsKey) return;
      this.statisticsKey = null; // try again with the next view
      fill(this.chartsNote, `The charts could not be drawn: ${error.message}`);
    }
  }

  drawCharts(statistics, query) {
    const points = statistics.scatter.points;
    const sampled = points.length < statistics.count ? ` (a sample of ${count(points.length)})` : '';
    fill(
      this.chartsNote,
      `Over all ${count(statistics.count)} ${statistics.count === 1 ? 'song' : 'songs'} the filters keep` +
        (query ? ', whatever the search' : '') + '.',
    );
    fill(this.figures.scatter.caption, `Danceability against energy${sampled}`);
    charts.scatter(
      this.figures.scatter.chart,
      points.map((point) => ({ x: point.danceability, y: point.energy, label: `${point.title}: danceability ${number(point.danceability)}, energy ${number(point.energy)}` })),
      { xLabel: 'Danceability', yLabel: 'Energy' },
    );
    fill(this.figures.duration.caption, 'Duration (histogram)');
    charts.bars(this.figures.duration.chart, statistics.duration_ms, { xLabel: 'Duration (m:ss)', format: duration, name: 'Histogram of durations' });
    fill(this.figures.acousticness.caption, 'Acousticness (bar chart)');
    charts.bars(this.figures.acousticness.chart, statistics.acousticness, { xLabel: 'Acousticness', format: (value) => number(value, 2), gap: 0.2, name: 'Songs by acousticness' });
    fill(this.figures.tempo.caption, 'Tempo (bar chart)');
    charts.bars(this.figures.tempo.chart, statistics.tempo, { xLabel: 'Tempo (BPM)', format: (value) => number(value, 1), gap: 0.2, name: 'Songs by tempo' });
  }

  markSort(ordering, ranked) {
    const first = ordering ? ordering.split(',')[0].trim() : '';
    const field = first.replace(/^-/, '');
    for (const th of this.headers) {
      const button = th.querySelector('button');
      const sorted = th.dataset.field === field;
      if (sorted) th.setAttribute('aria-sort', first.startsWith('-') ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
      th.querySelector('.sort-mark').textContent = sorted ? (first.startsWith('-') ? ' ▼' : ' ▲') : '';
      button.disabled = ranked;
      button.title = ranked ? 'Search results are ranked by how well they match' : `Sort by ${button.firstChild.textContent.toLowerCase()}`;
    }
  }

  sortBy(field) {
    const current = (this.params.get('ordering') || DEFAULT_ORDERING).split(',')[0].trim();
    this.change({ ordering: current === field ? `-${field}` : field, page: null });
  }

  searchTyped(delay = SEARCH_DELAY_MS) {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      const value = this.search.value.trim();
      if (value !== (this.params.get('q') || '')) this.change({ q: value || null, page: null });
    }, delay);
  }

  filterChanged(input) {
    const value = input.value.trim();
    if (value === (this.params.get(input.name) || '')) return;
    this.change({ [input.name]: value || null, page: null });
  }

  clearFilters() {
    const changes = { page: null };
    for (const name of this.params.keys()) if (/^(min|max)_/.test(name)) changes[name] = null;
    this.change(changes);
  }

  /** Navigates to the current parameters with these changed (null removes one). */
  change(changes) {
    const params = new URLSearchParams(this.params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') params.delete(name);
      else params.set(name, value);
    }
    this.navigate(params);
  }
}

/** The page size the API uses for this parameter: 10 here when absent; 25 when not a positive number; at most 100. */
function pageSize(text) {
  if (text === null || text === undefined || text === '') return Number(DEFAULT_PAGE_SIZE);
  const size = /^\s*\+?\d+\s*$/.test(text) ? Number(text.trim()) : 0;
  return size > 0 ? Math.min(size, 100) : 25;
}

function queryString(params) {
  const text = params.toString();
  return text ? `?${text}` : '';
}
