// The HTTP API: the key (kept in sessionStorage, sent only in headers),
// errors in words people understand, and photos fetched as blob URLs
// (an <img src> cannot carry the key).

const KEY_NAME = 'facesearch.key';

/** Whether the server asks for keys (written into the page by the server). */
export const keyRequired = document.querySelector('meta[name="facesearch-auth"]')?.content === 'required';

export function getKey() { return sessionStorage.getItem(KEY_NAME) || ''; }
export function setKey(key) {
  if (key) sessionStorage.setItem(KEY_NAME, key); else sessionStorage.removeItem(KEY_NAME);
}

/** Called with the error when the service refuses the key (the page asks for another). */
let onUnauthenticated = () => {};
export function whenUnauthenticated(handler) { onUnauthenticated = handler; }

const WORDS = {
  network: 'The service cannot be reached. Is facesearch serve running?',
  unauthenticated: 'The API key is missing, unknown or revoked. Enter a valid key.',
  forbidden: 'This API key is not allowed to do this: its scope is too low.',
  not_found: 'The service does not know this address.',
  collection_not_found: 'This collection does not exist (any more).',
  collection_exists: 'A collection with this name exists already.',
  invalid_collection_name: 'A collection name has 1 to 64 letters, digits, _ or -.',
  face_not_found: 'This face does not exist any more.',
  image_not_found: 'This photo does not exist any more.',
  no_face: 'No face was found in this photo.',
  unsupported_media_type: 'This file is not a photo the service can read: use a JPEG, PNG or WebP image.',
  image_empty: 'This file is empty.',
  image_corrupt: 'This photo is damaged: it cannot be decoded.',
  image_truncated: 'This photo is incomplete: the file was cut short.',
  image_too_many_pixels: 'This photo has too many pixels for the service.',
  payload_too_large: 'This file is larger than the service accepts.',
  image_too_large: 'This photo is larger than the service accepts.',
  overloaded: 'The service is busy. Try again in a moment.',
  invalid_argument: 'A setting has a value the service does not accept.',
  invalid_metadata: 'The metadata is not a valid JSON object.',
  shut_down: 'The service is shutting down.',
  store_in_use: 'The data folder of the service is in use by another program.',
  index_backend_failure: 'The vector database of the service is unavailable. Nothing was changed; try again in a moment.',
};

// Codes whose server message says more than the words above (which value, which limit).
const DETAILED = new Set(['invalid_argument', 'invalid_metadata', 'forbidden', 'payload_too_large',
  'image_too_large', 'image_too_many_pixels']);

/** An error of the API: HTTP status, stable code, the server's message and words for people. */
export class ApiError extends Error {
  constructor(status, code, detail) {
    const words = WORDS[code];
    super(words ? (detail && DETAILED.has(code) ? `${words} ${sentence(detail)}` : words)
      : sentence(detail || `The service answered ${status}.`));
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

function sentence(text) {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

/** Words for any error: API errors as they are, anything else explained. */
export function describe(error) {
  if (error instanceof ApiError) return error.message;
  if (error && error.name === 'AbortError') return 'Cancelled.';
  return `Something went wrong in the page: ${error && error.message ? error.message : error}`;
}

/** One request; throws ApiError for any answer that is not 2xx. */
export async function request(method, path, { json, body, type, signal } = {}) {
  const headers = {};
  const key = getKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (body) {
    headers['Content-Type'] = type || body.type || 'application/octet-stream';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network');
  }
  if (response.ok) return response;
  let answer = null;
  try { answer = await response.json(); } catch { /* not our JSON: keep the status */ }
  throw failure(response.status, response.statusText, answer);
}

/** The error of a failed answer (our JSON error when there is one); a refused key asks for another. */
function failure(status, statusText, answer) {
  const error = answer && answer.error
    ? new ApiError(status, answer.error.code, answer.error.message)
    : new ApiError(status, `http_${status}`, statusText);
  if (status === 401) onUnauthenticated(error);
  return error;
}

/**
 * Sends a photo with progress (fetch cannot report upload progress):
 * `onProgress(fraction)` while its bytes go, then the JSON answer.
 */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const key = getKey();
    if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300 && answer) resolve(answer);
      else reject(failure(xhr.status, xhr.statusText, answer));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network')));
    xhr.send(file);
  });
}

/** A JSON request. */
export async function call(method, path, options) {
  return (await request(method, path, options)).json();
}

export const enc = encodeURIComponent;
export const collectionPath = (name) => `/v1/collections/${enc(name)}`;

// Photos by URL: fetched once, with the key, kept as blobs. At most a few at a time.
const blobs = new Map();
let running = 0;
const waiting = [];
async function slot(task) {
  if (running >= 4) await new Promise((resolve) => waiting.push(resolve));
  running += 1;
  try { return await task(); } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** The blob at an API URL (a stored photo or a thumbnail), cached. */
export function blobAt(url) {
  if (!blobs.has(url)) {
    const promise = slot(async () => (await request('GET', url)).blob());
    promise.catch(() => blobs.delete(url));
    blobs.set(url, promise);
  }
  return blobs.get(url);
}

const objectURLs = new Map();
/** An object URL for the photo at an API URL, for <img src>. */
export async function imageURL(url) {
  if (!objectURLs.has(url)) objectURLs.set(url, URL.createObjectURL(await blobAt(url)));
  return objectURLs.get(url);
}

const crops = new Map();
/**
 * A square thumbnail of a face: the service's thumbnail_url when it has one,
 * else cropped here from the stored photo (with a margin around the box).
 */
export function faceThumbnail(face) {
  if (face.thumbnail_url) return imageURL(face.thumbnail_url);
  const key = face.face_id ?? face.id;
  if (!crops.has(key)) {
    const promise = (async () => {
      const bitmap = await createImageBitmap(await blobAt(face.image_url));
      const { left, top, right, bottom } = face.box;
      const side = Math.max(right - left, bottom - top) * 1.5;
      const cx = (left + right) / 2;
      const cy = (top + bottom) / 2;
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 160;
      const context = canvas.getContext('2d');
      context.fillStyle = '#888';
      context.fillRect(0, 0, 160, 160);
      context.drawImage(bitmap, cx - side / 2, cy - side / 2, side, side, 0, 0, 160, 160);
      bitmap.close();
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
      return URL.createObjectURL(blob);
    })();
    promise.catch(() => crops.delete(key));
    crops.set(key, promise);
  }
  return crops.get(key);
}
