// Small helpers for building the page's elements and formatting figures.

/**
 * Creates an element: attributes (on* are event listeners, `text` the text content, `html` trusted
 * markup), then children (strings become text nodes; null and false are skipped).
 */
export function h(tag, attributes = {}, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'text') {
      element.textContent = value;
    } else if (name === 'html') {
      element.innerHTML = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Shorthand for SVG elements. */
export function svg(tag, attributes = {}, ...children) {
  return h('svg:' + tag, attributes, ...children);
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** Milliseconds as m:ss (h:mm:ss from an hour). */
export function duration(ms) {
  const total = Math.round(Number(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A figure with at most `digits` decimals, without trailing zeros. */
export function number(value, digits = 3) {
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Whole numbers with thousands separators. */
export function count(value) {
  return Number(value).toLocaleString('en-US');
}

/** Five stars for an average (★ full, ☆ empty, rounded to the nearest half as a half-filled look). */
export function stars(average) {
  const full = Math.round(Number(average));
  return '★'.repeat(full) + '☆'.repeat(5 - full);
}

/** A song's closest features in words: "close in energy, tempo, valence". */
export function closeIn(features) {
  return `close in ${features.join(', ')}`;
}
