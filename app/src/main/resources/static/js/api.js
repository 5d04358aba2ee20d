// The service's HTTP API: tokens, problem+json errors, and the signed-in account.

const STORAGE = 'music.session';

/** A failed call: the HTTP status (0 when the service could not be reached) and the message to show. */
export class ApiError extends Error {
  constructor(status, message, problem = null, retryAfter = null) {
    super(message);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** The message of a problem+json body: its detail, then each field's messages ("min_energy: Enter a number."). */
export function problemMessage(problem, status) {
  if (!problem || typeof problem !== 'object') return `The service answered ${status}.`;
  const standard = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'retry_after']);
  const fields = Object.entries(problem)
    .filter(([name, value]) => !standard.has(name) && Array.isArray(value))
    .map(([name, messages]) => `${name}: ${messages.join(' ')}`);
  const detail = problem.detail && !(fields.length && problem.detail === 'Invalid input.') ? [problem.detail] : [];
  return [...detail, ...fields].join(' ') || problem.title || `The service answered ${status}.`;
}

let session = JSON.parse(localStorage.getItem(STORAGE) || 'null');
const listeners = new Set();

/** The signed-in account ({username, roles, access, refresh}) or null. */
export function currentUser() {
  return session;
}

export function hasRole(role) {
  return Boolean(session && session.roles && session.roles.includes(role));
}

export function onSessionChange(listener) {
  listeners.add(listener);
}

function setSession(value) {
  session = value;
  if (value) localStorage.setItem(STORAGE, JSON.stringify(value));
  else localStorage.removeItem(STORAGE);
  listeners.forEach((listener) => listener(session));
}

/**
 * Calls the API. Options: method, body (sent as JSON), headers, as ('json' | 'text' | 'response').
 * A token the service no longer takes is refreshed once; failing that, the user is signed out.
 */
export async function call(path, options = {}) {
  let response = await send(path, options);
  if (response.status === 401 && session && session.refresh && !options.retried) {
    const problem = await response.clone().json().catch(() => null);
    if (problem && problem.code === 'token_not_valid' && (await refresh())) {
      response = await send(path, options);
    } else if (problem && (problem.code === 'token_not_valid' || problem.code === 'user_not_found')) {
      setSession(null);
      response = await send(path, options);
    }
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    const retryAfter = Number(response.headers.get('Retry-After')) || null;
    throw new ApiError(response.status, problemMessage(problem, response.status), problem, retryAfter);
  }
  if (options.as === 'response') return response;
  if (options.as === 'text') return response.text();
  return response.status === 204 ? null : response.json();
}

async function send(path, { method = 'GET', body, headers = {} } = {}) {
  const all = { Accept: 'application/json', ...headers };
  if (session && session.access) all.Authorization = `Bearer ${session.access}`;
  if (body !== undefined) all['Content-Type'] = 'application/json';
  try {
    return await fetch(path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'The service cannot be reached. Check your connection; the page retries by itself.');
  }
}

async function refresh() {
  try {
    const response = await fetch('/api/token/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh: session.refresh }),
    });
    if (!response.ok) return false;
    const { access } = await response.json();
    setSession({ ...session, access });
    return true;
  } catch (error) {
    return false;
  }
}

/** Signs in; the account's name and roles come from /api/me/. */
export async function signIn(username, password) {
  const tokens = await call('/api/token/', { method: 'POST', body: { username, password } });
  session = { access: tokens.access, refresh: tokens.refresh };
  try {
    const me = await call('/api/me/', { retried: true });
    setSession({ ...session, username: me.username || username, roles: me.roles });
  } catch (error) {
    session = null;
    throw error;
  }
}

export async function register(username, password) {
  await call('/api/register/', { method: 'POST', body: { username, password } });
  await signIn(username, password);
}

export function signOut() {
  setSession(null);
}
