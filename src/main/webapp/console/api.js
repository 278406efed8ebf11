// Tollgate's HTTP API as the console uses it.
//
// Every URL is RELATIVE ("api/projects", never "/api/projects"): the page is served from the WAR's
// context root, which is "/" in production but may be another path, and relative URLs resolve
// against the page's own address. Nothing is ever requested from another host.
//
// The credential (a session JWT, a project token or the root credential) lives in this tab's
// sessionStorage only: never localStorage, never a cookie. It is sent as "Authorization: Bearer"
// and fetch runs with credentials "omit", so no cookie travels either way.

const CREDENTIAL_KEY = 'tollgate.console.credential';

/** A non-2xx answer, from the API's one error body {message, code, status, info: {field}}. */
export class ApiError extends Error {
    constructor(status, body) {
        const problem = body && typeof body === 'object' ? body : {};
        super(typeof problem.message === 'string' && problem.message
            ? problem.message
            : `The server answered ${status || 'nothing'}.`);
        this.status = status;
        this.code = problem.code || (status ? `HTTP_${status}` : 'NETWORK');
        this.info = problem.info && typeof problem.info === 'object' ? problem.info : {};
        this.field = typeof this.info.field === 'string' ? this.info.field : null;
    }
}

export const session = {
    get credential() {
        return sessionStorage.getItem(CREDENTIAL_KEY);
    },
    set(credential) {
        sessionStorage.setItem(CREDENTIAL_KEY, credential);
    },
    clear() {
        sessionStorage.removeItem(CREDENTIAL_KEY);
    },
};

let unauthorizedHandler = () => {};

/** Called when the stored credential is refused (401): expired, revoked, or the user was removed. */
export function onUnauthorized(handler) {
    unauthorizedHandler = handler;
}

/**
 * One API call. Options: credential (default: the stored one; null sends none) and
 * quiet401 (a 401 is only thrown, the session is not ended: for checking a pasted token).
 */
export async function request(method, path, body, options = {}) {
    const credential = 'credential' in options ? options.credential : session.credential;
    const headers = {Accept: 'application/json'};
    if (credential) {
        headers.Authorization = `Bearer ${credential}`;
    }
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            cache: 'no-store',
            credentials: 'omit',
            redirect: 'error',
        });
    } catch (e) {
        throw new ApiError(0, {message: 'The server cannot be reached. Check the connection and try again.'});
    }
    const text = await response.text();
    let json = null;
    try {
        json = text ? JSON.parse(text) : null;
    } catch (e) {
        json = null;
    }
    if (!response.ok) {
        const error = new ApiError(response.status, json);
        if (response.status === 401 && credential && !options.quiet401) {
            unauthorizedHandler(error);
        }
        throw error;
    }
    return json;
}

export const api = {
    get: (path, options) => request('GET', path, undefined, options),
    post: (path, body, options) => request('POST', path, body, options),
    put: (path, body, options) => request('PUT', path, body, options),
    patch: (path, body, options) => request('PATCH', path, body, options),
    del: (path, options) => request('DELETE', path, undefined, options),
};

/** "api/projects/{id}/…" with every segment encoded. */
export function path(...segments) {
    return ['api', ...segments.map(segment => encodeURIComponent(segment))].join('/');
}

/** Every item of a list endpoint that pages with ?limit=&offset= (`url` may carry a query already). */
export async function listAll(url, pageSize = 1000) {
    const all = [];
    const joiner = url.includes('?') ? '&' : '?';
    for (let offset = 0; ; offset += pageSize) {
        const page = await api.get(`${url}${joiner}limit=${pageSize}&offset=${offset}`);
        all.push(...page);
        if (page.length < pageSize) {
            return all;
        }
    }
}
