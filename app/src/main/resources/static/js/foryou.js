// The signed-in listener's view: songs chosen for them from the sound of the songs they like
// (/api/me/recommendations/), each with the liked song it is nearest to. After a rating the list
// is read again with the rating's consistency token, so a new favourite shows at once.

import { h, fill, number } from './dom.js';
import { call } from './api.js';

export class ForYouView {
  /**
   * @param alerts {show(message, source), clear(source)}
   * @param openSong (song) => void
   */
  constructor({ alerts, openSong }) {
    this.alerts = alerts;
    this.openSong = openSong;
    this.token = null;
    this.sequence = 0;
    this.list = h('ol', { class: 'for-you', 'aria-label': 'Songs for you' });
    this.note = h('p', { class: 'note', 'aria-live': 'polite' });
    this.element = h(
      'section',
      { class: 'for-you', 'aria-labelledby': 'for-you-heading' },
      h('h2', { id: 'for-you-heading', text: 'For you' }),
      this.note,
      this.list,
    );
  }

  /** The user rated a song: the next list waits until it shows that rating. */
  rated(token) {
    this.token = token;
    if (this.element.isConnected) this.show();
  }

  async show() {
    const sequence = ++this.sequence;
    try {
      const headers = this.token ? { 'X-Consistency-Token': this.token } : {};
      const { results } = await call('/api/me/recommendations/?limit=20', { headers });
      if (sequence !== this.sequence) return;
      this.alerts.clear('for-you');
      const liking = results.some((song) => song.because);
      fill(
        this.note,
        liking
          ? 'Songs that sound like the ones you rated 4 or 5 stars, nearest first.'
          : 'Rate songs 4 or 5 stars and this list follows your taste; until then, the most rated songs you have not rated.',
      );
      fill(this.list, results.map((song) => this.item(song)));
    } catch (error) {
      if (sequence === this.sequence) this.alerts.show(error.message, 'for-you');
    }
  }

  item(song) {
    return h(
      'li',
      {},
      h('button', { type: 'button', class: 'link title', onclick: () => this.openSong(song), text: song.title }),
      song.because
        ? ` — because you liked ${song.because.title} (distance ${number(song.distance, 3)})`
        : ` — one of the most rated (${song.total_ratings === 1 ? '1 rating' : `${song.total_ratings} ratings`})`,
    );
  }
}
