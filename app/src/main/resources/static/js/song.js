// A song's detail: every feature by name, its rating figures, the widget to rate it, and the
// songs that sound like it. A rating is posted, then the song is read back with the write's
// consistency token, so the new average shows at once, here and in the table.

import { h, fill, duration, number, count, stars, closeIn } from './dom.js';
import { call, currentUser, hasRole } from './api.js';

const SIMILAR_SHOWN = 5;

const KEYS = ['C', 'C♯/D♭', 'D', 'D♯/E♭', 'E', 'F', 'F♯/G♭', 'G', 'G♯/A♭', 'A', 'A♯/B♭', 'B'];

const FEATURES = [
  ['Danceability', (song) => number(song.danceability)],
  ['Energy', (song) => number(song.energy)],
  ['Key', (song) => (song.key >= 0 && song.key < 12 ? `${KEYS[song.key]} (${song.key})` : `none (${song.key})`)],
  ['Loudness', (song) => `${number(song.loudness)} dB`],
  ['Mode', (song) => (song.mode === 1 ? 'Major (1)' : 'Minor (0)')],
  ['Acousticness', (song) => number(song.acousticness, 5)],
  ['Instrumentalness', (song) => number(song.instrumentalness, 5)],
  ['Liveness', (song) => number(song.liveness)],
  ['Valence', (song) => number(song.valence)],
  ['Tempo', (song) => `${number(song.tempo)} BPM`],
  ['Duration', (song) => duration(song.duration_ms)],
  ['Time signature', (song) => `${song.time_signature}/4`],
  ['Bars', (song) => count(song.num_bars)],
  ['Sections', (song) => count(song.num_sections)],
  ['Segments', (song) => count(song.num_segments)],
  ['Spotify id', (song) => song.spotify_id],
];

export class SongDialog {
  /**
   * @param onFigures (figures) => void: a rating changed a song's figures
   * @param onRated (consistencyToken) => void: the signed-in user rated a song
   * @param askToSignIn (message) => Promise<boolean>
   * @param navigate (params) => void
   */
  constructor({ onFigures, onRated, askToSignIn, navigate }) {
    this.onFigures = onFigures;
    this.onRated = onRated;
    this.askToSignIn = askToSignIn;
    this.navigate = navigate;
    this.heading = h('h2', { id: 'song-title' });
    this.figures = h('p', { class: 'figures', 'aria-live': 'polite' });
    this.features = h('dl', { class: 'features' });
    this.radios = h('div', { class: 'stars-input', role: 'radiogroup' });
    this.status = h('p', { role: 'status', class: 'rating-status' });
    this.error = h('p', { role: 'alert', class: 'error' });
    this.history = h('p', {});
    this.similar = h('ul', { class: 'similar', 'aria-labelledby': 'similar-heading' });
    this.similarNote = h('p', { class: 'note', 'aria-live': 'polite' });
    this.dialog = h(
      'dialog',
      { class: 'song', 'aria-labelledby': 'song-title' },
      h('div', { class: 'dialog-head' }, this.heading, h('button', { type: 'button', class: 'secondary', onclick: () => this.dialog.close(), text: 'Close' })),
      this.figures,
      h('h3', { text: 'Your rating' }),
      this.radios,
      this.status,
      this.error,
      this.history,
      h('h3', { id: 'similar-heading', text: 'Similar songs' }),
      this.similar,
      this.similarNote,
      h('h3', { text: 'Audio features' }),
      this.features,
    );
    this.dialog.addEventListener('close', () => {
      this.song = null;
    });
    document.body.append(this.dialog);
  }

  open(song) {
    this.song = { ...song };
    fill(this.heading, song.title);
    this.showFigures();
    fill(this.features, FEATURES.flatMap(([name, value]) => [h('dt', { text: name }), h('dd', { text: value(song) })]));
    this.radios.setAttribute('aria-label', `Rate ${song.title}`);
    fill(
      this.radios,
      [1, 2, 3, 4, 5].map((stars) =>
        h(
          'label',
          { class: 'star' },
          h('input', { type: 'radio', name: 'stars', value: stars, onchange: () => this.rate(stars) }),
          h('span', { class: 'visually-hidden', text: stars === 1 ? '1 star' : `${stars} stars` }),
        ),
      ),
    );
    fill(this.status, currentUser() ? '' : 'Sign in to rate this song.');
    fill(this.error, '');
    fill(
      this.history,
      hasRole('AUDITOR')
        ? h('a', { href: `?view=audit&song=${encodeURIComponent(song.spotify_id)}`, onclick: (event) => this.toHistory(event), text: 'Rating history' })
        : '',
    );
    this.showSimilar(this.song);
    if (!this.dialog.open) this.dialog.showModal();
  }

  /** The songs nearest in sound, each opening its own detail here. */
  async showSimilar(song) {
    fill(this.similar);
    fill(this.similarNote, 'Finding songs that sound alike…');
    try {
      const { results } = await call(`/api/songs/${encodeURIComponent(song.spotify_id)}/similar/?limit=${SIMILAR_SHOWN}`);
      if (this.song !== song) return;
      fill(
        this.similar,
        results.map((near) =>
          h(
            'li',
            {},
            h('a', { href: `?q=${encodeURIComponent(near.title)}`, onclick: (event) => (event.preventDefault(), this.open(near)), text: near.title }),
            ` — ${closeIn(near.closest_in)}`,
          ),
        ),
      );
      fill(this.similarNote, results.length ? '' : 'No other song to compare it with.');
    } catch (error) {
      if (this.song === song) fill(this.similarNote, error.message);
    }
  }

  toHistory(event) {
    event.preventDefault();
    const spotifyId = this.song.spotify_id;
    this.dialog.close();
    this.navigate(new URLSearchParams({ view: 'audit', song: spotifyId }));
  }

  showFigures() {
    const song = this.song;
    fill(
      this.figures,
      h('span', { class: 'stars', 'aria-hidden': 'true', text: stars(song.average_rating) }),
      ` Average ${number(song.average_rating, 2)} from ${count(song.total_ratings)} ${song.total_ratings === 1 ? 'rating' : 'ratings'}`,
    );
  }

  /** New figures of a song from elsewhere (the live stream, a rating in the table). */
  updateFigures(figures) {
    if (!this.song || this.song.id !== figures.id) return;
    this.song.average_rating = figures.average_rating;
    this.song.total_ratings = figures.total_ratings;
    this.showFigures();
  }

  async rate(chosen) {
    const song = this.song;
    fill(this.error, '');
    if (!currentUser()) {
      this.radios.querySelectorAll('input').forEach((radio) => (radio.checked = false));
      fill(this.status, 'Sign in to rate this song.');
      if (!(await this.askToSignIn(`Sign in to rate “${song.title}”.`))) return;
      if (this.song !== song) return;
      this.radios.querySelector(`input[value="${chosen}"]`).checked = true;
    }
    fill(this.status, `Saving your ${chosen === 1 ? '1 star' : `${chosen} stars`}…`);
    try {
      const answer = await call('/api/rating/', { method: 'POST', body: { music: song.id, score: chosen } });
      this.onRated(answer.consistency_token);
      const fresh = await call(`/api/songs/${encodeURIComponent(song.spotify_id)}/`, {
        headers: { 'X-Consistency-Token': answer.consistency_token },
      });
      const figures = { id: fresh.id, average_rating: fresh.average_rating, total_ratings: fresh.total_ratings };
      this.onFigures(figures);
      if (this.song === song) {
        this.updateFigures(figures);
        fill(this.status, `You rated it ${chosen === 1 ? '1 star' : `${chosen} stars`}.`);
      }
    } catch (error) {
      if (this.song !== song) return;
      fill(this.status, '');
      fill(this.error, error.message);
    }
  }
}
