// The Tollgate web console: one page, plain ES modules, no build step, no request to any other
// host. Routes live in the URL fragment (#/, #/users, #/projects/{id}/brokers|tokens|members), so
// the page itself is always the WAR's index.html and every API URL stays relative ("api/…").

import {api, listAll, onUnauthorized, path, session} from './api.js';
import {auditNames, renderAudit, renderTokenUsage} from './activity.js';
import {editDialog, parseBlocks, resumeToken, rotateDialog, statusBadges, suspendDialog} from './lifecycle.js';
import {connectBroker} from './hooks.js';
import {actionMenu} from './menu.js';
import {isRoleDefault, roleDefault, rulesDialog, rulesEditor, rulesSummary} from './rules.js';
import {showSecretStep} from './secret.js';
import {
    announce, busy, clear, confirmDialog, copyText, describe, field, formError, h, length,
    showApiError, showErrors, time, utcDate,
} from './dom.js';

const ROLES = ['viewer', 'editor', 'admin'];
const RANK = {viewer: 1, editor: 2, admin: 3, root: 4};
const USERNAME = /^[a-z0-9._-]{3,64}$/;
const BROKER_URL = /^(mqtt|mqtts|ws|wss):\/\/[^\s/?#]/i;

const main = document.getElementById('main');
const state = {
    me: null,          // GET api/auth/whoami of the stored credential
    notice: null,      // a message for the sign-in page (signed out, session ended)
    expiryTimer: null,
};
let renderCount = 0;

// ---- who may do what -----------------------------------------------------------------------
//
// Which controls a page shows follows from what the caller may do in the project. Hiding a
// control is a courtesy only: the server checks every request and stays the judge (a 403 is
// shown like any other error).
//
// - Root (whoami.kind "root") may do everything.
// - A project token (kind "token"): whoami names its project, role and type. A restricted token
//   acts only on the brokers it lists: it sees no tokens or members page and cannot create
//   brokers; as an editor it may edit, as an admin also delete, those brokers. An unrestricted
//   admin token manages tokens and members. No role in any other project.
// - A person (kind "user"): whoami has no role, because it depends on the project, and no
//   endpoint tells a non-admin member their own role. So the console asks with requests that
//   cannot change anything:
//     1. GET api/projects/{id}/members (admin and root only): 200 means admin (members and tokens
//        pages too); 403 means editor or viewer.
//     2. Only then, POST api/projects/{id}/brokers with the empty body {}: authorization runs
//        before the body is validated, so 403 means viewer, and 400 (the name is missing) means
//        editor. The body is invalid, so nothing can ever be created by it.
//   Any other answer is treated as the error it is.
function access(role, restricted, expiresAt = null) {
    const rank = RANK[role] || 0;
    return {
        role,
        restricted,
        expiresAt,
        createBrokers: !restricted && rank >= RANK.editor,
        editBrokers: rank >= RANK.editor,
        deleteBrokers: rank >= RANK.admin,
        connectBrokers: rank >= RANK.admin,
        tokens: !restricted && rank >= RANK.admin,
        members: !restricted && rank >= RANK.admin,
        tokenRoles: ROLES.filter(r => RANK[r] <= rank),
    };
}

async function accessTo(projectId) {
    const me = state.me;
    if (me.kind === 'root') {
        return access('root', false);
    }
    if (me.kind === 'token') {
        return me.project_id === projectId
            ? access(me.role, me.type === 'restricted', me.expires_at)
            : access(null, true);
    }
    try {
        await api.get(path('projects', projectId, 'members'));
        return access('admin', false);
    } catch (error) {
        if (error.status !== 403) {
            throw error;
        }
    }
    try {
        await api.post(path('projects', projectId, 'brokers'), {});
    } catch (error) {
        if (error.status === 400) {
            return access('editor', false);
        }
        if (error.status === 403) {
            return access('viewer', false);
        }
        throw error;
    }
    throw new Error('Unexpected answer while checking your role in this project.');
}

// ---- session ---------------------------------------------------------------------------------

async function startSession(credential) {
    const me = await api.get('api/auth/whoami', {credential, quiet401: true});
    session.set(credential);
    state.me = me;
    state.notice = null;
    scheduleExpiry(me.expires_at);
    const target = me.kind === 'token' && me.project_id
        ? `#/projects/${encodeURIComponent(me.project_id)}/brokers` : '#/';
    if (location.hash !== target) {
        location.hash = target;
    } else {
        await render();
    }
}

function signOut(notice) {
    session.clear();
    state.me = null;
    state.notice = notice || null;
    clearTimeout(state.expiryTimer);
    for (const dialog of document.querySelectorAll('dialog')) {
        dialog.remove();
    }
    history.replaceState(null, '', location.pathname + location.search);
    render();
}

function scheduleExpiry(expiresAt) {
    clearTimeout(state.expiryTimer);
    const wait = expiresAt ? expiresAt - Date.now() : null;
    if (wait !== null && wait < 2_000_000_000) {
        state.expiryTimer = setTimeout(() => signOut('Your session has expired. Sign in again.'), Math.max(wait, 0));
    }
}

onUnauthorized(error => signOut(`Your credential is no longer accepted (${error.message}). Sign in again.`));

// ---- routing and the page frame --------------------------------------------------------------

function route() {
    const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(part => {
        try {
            return decodeURIComponent(part);
        } catch (e) {
            return part;
        }
    });
    if (parts[0] === 'users') {
        return {view: 'users'};
    }
    if (parts[0] === 'audit') {
        return {view: 'audit'};
    }
    if (parts[0] === 'projects' && parts[1]) {
        return {view: 'project', projectId: parts[1], tab: parts[2] || 'brokers', tokenId: parts[2] === 'tokens' ? parts[3] : null};
    }
    return {view: 'projects'};
}

const isCurrent = count => count === renderCount && state.me !== null;

async function render() {
    const count = ++renderCount;
    renderFrame();
    if (!state.me) {
        renderSignIn();
        return;
    }
    const where = route();
    try {
        if (where.view === 'users') {
            await renderUsers(count);
        } else if (where.view === 'audit' && state.me.kind === 'root') {
            clear(main).append(pageHead('Audit trail'));
            const projects = await api.get('api/projects');
            await renderAudit(main, {url: 'api/audit', id: 'platform-audit', withProject: true,
                names: auditNames(new Map(projects.map(project => [project.id, project.name])))});
        } else if (where.view === 'project') {
            await renderProject(count, where.projectId, where.tab, where.tokenId);
        } else {
            await renderProjects(count);
        }
    } catch (error) {
        if (isCurrent(count) && error.status !== 401) {
            clear(main).append(
                h('div', {class: 'notice error', role: 'alert', id: 'page-error'}, describe(error)),
                h('p', {}, h('a', {href: '#/'}, 'Back to the projects')));
        }
    }
}

function renderFrame() {
    const me = state.me;
    document.getElementById('identity').hidden = !me;
    document.getElementById('topnav').hidden = !me;
    document.getElementById('nav-users').hidden = !(me && me.kind === 'root');
    document.getElementById('nav-audit').hidden = !(me && me.kind === 'root');
    const who = document.getElementById('whoami');
    if (!me) {
        clear(who);
        return;
    }
    if (me.kind === 'root') {
        who.replaceChildren('Signed in as ', h('strong', {}, 'root'), ' ', h('span', {class: 'muted'}, '(root credential)'));
    } else if (me.kind === 'user') {
        who.replaceChildren('Signed in as ', h('strong', {}, me.name), ' ',
            h('span', {class: 'muted'}, '(person, session until ', time(me.expires_at), ')'));
    } else {
        who.replaceChildren('Token ', h('strong', {}, me.name), ' ',
            h('span', {class: 'muted'}, `(${me.role}, ${me.type})`));
    }
}

function focusHeading() {
    const heading = main.querySelector('h1');
    if (heading) {
        heading.tabIndex = -1;
        heading.focus();
    }
}

function pageHead(title, ...extra) {
    return h('div', {class: 'page-head'}, h('h1', {}, title), ...extra);
}

/**
 * A table that becomes a list of cards on narrow screens (each cell labelled by its column). A row
 * may bring a second <tr> (`after`) that follows it, e.g. its details.
 */
function dataTable({id, caption, headers, rows, empty}) {
    if (!rows.length) {
        return h('p', {class: 'empty', id: `${id}-empty`}, empty);
    }
    return h('div', {class: 'table-wrap'},
        h('table', {id, class: 'data'},
            h('caption', {class: 'sr-only'}, caption),
            h('thead', {}, h('tr', {}, headers.map(header => h('th', {scope: 'col'}, header)))),
            h('tbody', {}, rows.map(row => [h('tr', row.attrs || {},
                row.cells.map((cell, i) => h('td', {'data-label': headers[i]}, cell))), row.after || null]))));
}

const capitalize = text => text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
const badge = (text, kind = text) => h('span', {class: `badge badge-${kind}`}, text);

// ---- sign in ---------------------------------------------------------------------------------

function renderSignIn() {
    const login = h('form', {class: 'card', id: 'login-form', novalidate: true, 'aria-labelledby': 'login-title'},
        h('h2', {id: 'login-title'}, 'Person'),
        h('p', {class: 'hint'}, 'Sign in with your username and password.'),
        field({id: 'login-username', label: 'Username', field: 'username',
            input: {type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true}}),
        field({id: 'login-password', label: 'Password', field: 'password',
            input: {type: 'password', autocomplete: 'current-password', required: true}}),
        formError('login-error'),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button primary', id: 'login-submit'}, 'Sign in')));
    login.addEventListener('submit', async event => {
        event.preventDefault();
        const username = login.elements.username.value.trim();
        const password = login.elements.password.value;
        const errors = {};
        if (!username) {
            errors.username = 'Enter your username.';
        }
        if (!password) {
            errors.password = 'Enter your password.';
        }
        if (showErrors(login, errors)) {
            return;
        }
        await busy(login, async () => {
            try {
                const created = await api.post('api/auth/login', {username, password}, {credential: null});
                await startSession(created.token);
            } catch (error) {
                if (error.status === 401) {
                    showErrors(login, {}, 'Wrong username or password.');
                } else if (error.status === 403) {
                    showErrors(login, {}, 'Password login is off on this server (it trusts an external identity '
                        + 'provider): paste a token from that provider instead.');
                } else {
                    showApiError(login, error);
                }
            }
        });
    });

    const pasted = h('form', {class: 'card', id: 'token-login-form', novalidate: true, 'aria-labelledby': 'token-login-title'},
        h('h2', {id: 'token-login-title'}, 'Token'),
        h('p', {class: 'hint'}, 'Paste a project token (tg_…) or the root credential.'),
        field({id: 'token-credential', label: 'Token', field: 'credential',
            input: {type: 'password', autocomplete: 'off', spellcheck: 'false', required: true}}),
        formError('token-login-error'),
        h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'button primary', id: 'token-submit'}, 'Use token')));
    pasted.addEventListener('submit', async event => {
        event.preventDefault();
        const credential = pasted.elements.credential.value.trim();
        if (showErrors(pasted, credential ? {} : {credential: 'Paste a token.'})) {
            return;
        }
        await busy(pasted, async () => {
            try {
                await startSession(credential);
            } catch (error) {
                if (error.status === 401) {
                    showErrors(pasted, {credential: 'This credential is not accepted: it is unknown, expired, '
                        + 'revoked or mistyped.'});
                } else {
                    showApiError(pasted, error);
                }
            }
        });
    });

    clear(main).append(
        h('section', {class: 'signin', 'aria-labelledby': 'signin-title'},
            h('h1', {id: 'signin-title'}, 'Sign in to Tollgate'),
            state.notice ? h('p', {class: 'notice', role: 'status', id: 'signin-notice'}, state.notice) : null,
            h('div', {class: 'signin-grid'}, login, pasted),
            h('p', {class: 'hint'}, 'The credential stays in this browser tab only (session storage) and is '
                + 'forgotten when you sign out or close the tab.')));
}

// ---- projects --------------------------------------------------------------------------------

async function renderProjects(count) {
    const projects = await api.get('api/projects');
    if (!isCurrent(count)) {
        return;
    }
    const root = state.me.kind === 'root';
    const content = [pageHead('Projects')];
    if (root) {
        content.push(projectForm());
    }
    content.push(dataTable({
        id: 'projects-table',
        caption: 'Projects',
        headers: ['Name', 'Created', 'Id'],
        rows: projects.map(project => ({
            attrs: {dataset: {projectId: project.id}},
            cells: [
                h('a', {class: 'project-link', href: `#/projects/${encodeURIComponent(project.id)}/brokers`}, project.name),
                time(project.created_date),
                h('code', {class: 'id'}, project.id),
            ],
        })),
        empty: root ? 'No projects yet: create the first one above.'
            : 'You are not a member of any project yet: ask an administrator to add you.',
    }));
    clear(main).append(...content);
}

function projectForm() {
    const form = h('form', {class: 'card', id: 'project-form', novalidate: true, 'aria-labelledby': 'project-form-title'},
        h('h2', {id: 'project-form-title'}, 'New project'),
        h('div', {class: 'row'},
            field({id: 'project-name', label: 'Name', field: 'name', hint: '1–64 characters, unique.',
                input: {type: 'text', required: true, autocomplete: 'off'}}),
            h('div', {class: 'row-end'}, h('button', {type: 'submit', class: 'button primary', id: 'project-create'}, 'Create project'))),
        formError('project-form-error'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const name = form.elements.name.value.trim();
        const errors = {};
        if (!name) {
            errors.name = 'Enter a name.';
        } else if (length(name) > 64) {
            errors.name = 'At most 64 characters.';
        }
        if (showErrors(form, errors)) {
            return;
        }
        await busy(form, async () => {
            try {
                const project = await api.post('api/projects', {name});
                announce(`Project ${project.name} created.`);
                await render();
                document.getElementById('project-name')?.focus();
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    return form;
}

// ---- users (root) ----------------------------------------------------------------------------

async function renderUsers(count) {
    if (state.me.kind !== 'root') {
        clear(main).append(pageHead('Users'), h('p', {class: 'notice'}, 'Only root manages users.'));
        return;
    }
    const users = await api.get('api/users');
    if (!isCurrent(count)) {
        return;
    }
    const form = h('form', {class: 'card', id: 'user-form', novalidate: true, 'aria-labelledby': 'user-form-title'},
        h('h2', {id: 'user-form-title'}, 'New user'),
        h('div', {class: 'row'},
            field({id: 'user-username', label: 'Username', field: 'username',
                hint: '3–64 characters: a–z, 0–9, “.”, “_”, “-”.',
                input: {type: 'text', required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false'}}),
            field({id: 'user-password', label: 'Password', field: 'password', hint: 'At least 12 characters.',
                input: {type: 'password', required: true, autocomplete: 'new-password'}}),
            h('div', {class: 'row-end'}, h('button', {type: 'submit', class: 'button primary', id: 'user-create'}, 'Create user'))),
        formError('user-form-error'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const username = form.elements.username.value.trim();
        const password = form.elements.password.value;
        const errors = {};
        if (!USERNAME.test(username)) {
            errors.username = username ? 'Use 3–64 characters: a–z, 0–9, “.”, “_” and “-”.' : 'Enter a username.';
        }
        if ([...password].length < 12) {
            errors.password = 'Use at least 12 characters.';
        } else if ([...password].length > 1024) {
            errors.password = 'At most 1024 characters.';
        }
        if (showErrors(form, errors)) {
            return;
        }
        await busy(form, async () => {
            try {
                await api.post('api/users', {username, password});
                announce(`User ${username} created.`);
                await render();
                document.getElementById('user-username')?.focus();
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    const rows = users.map(user => ({
        attrs: {dataset: {username: user.username}},
        cells: [user.username, time(user.created_date),
            h('button', {type: 'button', class: 'button small danger delete-user', 'aria-label': `Delete user ${user.username}`,
                onclick: async () => {
                    const sure = await confirmDialog({title: 'Delete user?',
                        message: `Delete “${user.username}” and their memberships? Their sessions stop working at once.`,
                        confirmLabel: 'Delete user', danger: true});
                    if (!sure) {
                        return;
                    }
                    try {
                        await api.del(path('users', user.username));
                        announce(`User ${user.username} deleted.`);
                        await render();
                    } catch (error) {
                        await render();
                        const again = document.getElementById('user-form');
                        if (again) {
                            showApiError(again, error);
                        }
                    }
                }}, 'Delete')],
    }));
    clear(main).append(pageHead('Users'), form, dataTable({id: 'users-table', caption: 'Users',
        headers: ['Username', 'Created', 'Actions'], rows, empty: 'No users yet.'}));
}

// ---- one project -----------------------------------------------------------------------------

async function renderProject(count, projectId, tab, tokenId) {
    const [project, rights] = await Promise.all([api.get(path('projects', projectId)), accessTo(projectId)]);
    if (!isCurrent(count)) {
        return;
    }
    const tabs = [
        {id: 'brokers', label: 'Brokers', shown: true},
        {id: 'tokens', label: 'Tokens', shown: rights.tokens},
        {id: 'members', label: 'Members', shown: rights.members},
        {id: 'audit', label: 'Audit', shown: rights.members},
    ].filter(t => t.shown);
    const roleText = rights.role === 'root' ? 'root' : `${rights.role}${rights.restricted ? ', restricted token' : ''}`;
    const head = pageHead(project.name,
        h('span', {class: 'badge badge-role', id: 'my-role'}, `Your role: ${roleText}`),
        state.me.kind === 'root'
            ? h('button', {type: 'button', class: 'button small danger', id: 'delete-project',
                onclick: () => deleteProject(project)}, 'Delete project')
            : null);
    const nav = h('nav', {class: 'tabs', 'aria-label': 'Project sections'},
        tabs.map(t => h('a', {id: `tab-${t.id}`, href: `#/projects/${encodeURIComponent(project.id)}/${t.id}`,
            'aria-current': t.id === tab ? 'page' : null}, t.label)));
    const panel = h('section', {class: 'panel', id: 'panel', 'aria-label': capitalize(tab)});
    clear(main).append(
        h('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, h('a', {href: '#/'}, 'Projects'), ' / ', project.name),
        head, nav, panel);
    const context = {project, access: rights};
    if (tab === 'brokers') {
        await renderBrokers(panel, context);
    } else if (tab === 'tokens' && rights.tokens && tokenId) {
        await renderTokenUsage(panel, {project, tokenId});
    } else if (tab === 'tokens' && rights.tokens) {
        await renderTokens(panel, context);
    } else if (tab === 'members' && rights.members) {
        await renderMembers(panel, context);
    } else if (tab === 'audit' && rights.members) {
        panel.append(h('div', {class: 'panel-head'}, h('h2', {}, 'Audit trail')));
        await renderAudit(panel, {url: path('projects', project.id, 'audit'), id: 'project-audit', withProject: false});
    } else {
        panel.append(h('p', {class: 'notice', id: 'not-allowed'},
            'Your role in this project does not give access to this page.'));
    }
}

async function deleteProject(project) {
    const sure = await confirmDialog({title: 'Delete project?',
        message: `Delete “${project.name}” with all its brokers, tokens and memberships? Every token of the `
            + 'project stops working at once. This cannot be undone.',
        confirmLabel: 'Delete project', danger: true});
    if (!sure) {
        return;
    }
    try {
        await api.del(path('projects', project.id));
        announce(`Project ${project.name} deleted.`);
        location.hash = '#/';
    } catch (error) {
        panelNotice(document.getElementById('panel'), describe(error), true);
    }
}

function panelNotice(panel, message, isError = false) {
    if (!panel) {
        return;
    }
    let line = panel.querySelector('.panel-notice');
    if (!line) {
        line = h('p', {class: 'panel-notice', role: 'alert'});
        const head = panel.querySelector('.panel-head');
        if (head) {
            head.after(line);
        } else {
            panel.prepend(line);
        }
    }
    line.className = `panel-notice notice${isError ? ' error' : ''}`;
    line.textContent = message;
}

// ---- brokers ---------------------------------------------------------------------------------

function brokerErrors(name, url) {
    const errors = {};
    if (!name) {
        errors.name = 'Enter a name.';
    } else if (length(name) > 64) {
        errors.name = 'At most 64 characters.';
    }
    if (!url) {
        errors.url = 'Enter the broker address, e.g. mqtt://host:1883.';
    } else if (!BROKER_URL.test(url)) {
        errors.url = 'Use mqtt://, mqtts://, ws:// or wss:// followed by the host, e.g. mqtt://host:1883.';
    } else if (url.length > 2048) {
        errors.url = 'At most 2048 characters.';
    }
    return errors;
}

async function renderBrokers(panel, context, notice) {
    const {project, access: rights} = context;
    const brokers = await api.get(path('projects', project.id, 'brokers'));
    if (!panel.isConnected) {
        return;
    }
    const refresh = message => renderBrokers(panel, context, message);
    const parts = [h('div', {class: 'panel-head'}, h('h2', {}, 'Brokers'))];
    if (rights.restricted && rights.role) {
        parts.push(h('p', {class: 'hint'}, 'This token is restricted: it sees and acts on the brokers it lists only.'));
    }
    if (rights.createBrokers) {
        parts.push(brokerForm(project, refresh));
    }
    const withActions = rights.editBrokers || rights.deleteBrokers;
    const headers = ['Name', 'URL', 'Created', 'Hook key'].concat(withActions ? ['Actions'] : []);
    const onError = message => panelNotice(panel, message, true);
    const rows = brokers.map(broker => {
        const cells = [broker.name, h('code', {class: 'url'}, broker.url), time(broker.created_date),
            time(broker.hook_key_created_date, 'None')];
        if (withActions) {
            cells.push(h('div', {class: 'row-actions'},
                rights.connectBrokers ? h('button', {type: 'button', class: 'button small connect-broker',
                    id: `connect-broker-${broker.id}`, 'aria-label': `Connect broker ${broker.name}`,
                    title: 'Make a hook key and show the configuration that lets this broker check tokens with Tollgate',
                    onclick: () => connectBroker({project, broker, refresh, onError})}, 'Connect this broker') : null,
                rights.editBrokers ? h('button', {type: 'button', class: 'button small edit-broker',
                    'aria-label': `Edit broker ${broker.name}`,
                    onclick: () => editBroker(project, broker, refresh)}, 'Edit') : null,
                rights.deleteBrokers ? h('button', {type: 'button', class: 'button small danger delete-broker',
                    'aria-label': `Delete broker ${broker.name}`,
                    onclick: () => deleteBroker(project, broker, refresh, panel)}, 'Delete') : null));
        }
        return {attrs: {dataset: {brokerId: broker.id, brokerName: broker.name}}, cells};
    });
    parts.push(dataTable({id: 'brokers-table', caption: `Brokers of ${project.name}`, headers, rows,
        empty: rights.createBrokers ? 'No brokers yet: add the first one above.' : 'No brokers to show.'}));
    clear(panel).append(...parts);
    if (notice) {
        panelNotice(panel, notice.text, notice.error);
    }
}

function brokerForm(project, refresh) {
    const form = h('form', {class: 'card', id: 'broker-form', novalidate: true, 'aria-labelledby': 'broker-form-title'},
        h('h3', {id: 'broker-form-title'}, 'Add a broker'),
        h('div', {class: 'row'},
            field({id: 'broker-name', label: 'Name', field: 'name', hint: '1–64 characters.',
                input: {type: 'text', required: true, autocomplete: 'off'}}),
            field({id: 'broker-url', label: 'URL', field: 'url', hint: 'mqtt://, mqtts://, ws:// or wss://',
                input: {type: 'text', required: true, autocomplete: 'off', spellcheck: 'false',
                    placeholder: 'mqtt://host:1883', inputmode: 'url'}}),
            h('div', {class: 'row-end'}, h('button', {type: 'submit', class: 'button primary', id: 'broker-add'}, 'Add broker'))),
        formError('broker-form-error'));
    onBrokerSubmit(form, async body => {
        const broker = await api.post(path('projects', project.id, 'brokers'), body);
        announce(`Broker ${broker.name} added.`);
        await refresh({text: `Broker “${broker.name}” added.`});
        document.getElementById('broker-name')?.focus();
    });
    return form;
}

/** What adding and editing a broker share: read and check name and URL, send, show the server's verdict. */
function onBrokerSubmit(form, send) {
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const name = form.elements.name.value.trim();
        const url = form.elements.url.value.trim();
        if (showErrors(form, brokerErrors(name, url))) {
            return;
        }
        await busy(form, async () => {
            try {
                await send({name, url});
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
}

function editBroker(project, broker, refresh) {
    const form = h('form', {id: 'broker-edit-form', novalidate: true},
        h('h2', {id: 'broker-dialog-title'}, `Edit broker “${broker.name}”`),
        field({id: 'edit-broker-name', label: 'Name', field: 'name', hint: '1–64 characters.',
            input: {type: 'text', required: true, autocomplete: 'off', value: broker.name}}),
        field({id: 'edit-broker-url', label: 'URL', field: 'url', hint: 'mqtt://, mqtts://, ws:// or wss://',
            input: {type: 'text', required: true, autocomplete: 'off', spellcheck: 'false', value: broker.url}}),
        formError('broker-edit-error'),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'button', id: 'edit-broker-cancel', onclick: () => dialog.close()}, 'Cancel'),
            h('button', {type: 'submit', class: 'button primary', id: 'edit-broker-save'}, 'Save')));
    const dialog = h('dialog', {class: 'dialog', id: 'broker-dialog', 'aria-labelledby': 'broker-dialog-title'}, form);
    onBrokerSubmit(form, async body => {
        const saved = await api.put(path('projects', project.id, 'brokers', broker.id), body);
        dialog.close();
        announce(`Broker ${saved.name} saved.`);
        await refresh({text: `Broker “${saved.name}” saved.`});
    });
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    form.elements.name.focus();
}

async function deleteBroker(project, broker, refresh, panel) {
    const sure = await confirmDialog({title: 'Delete broker?',
        message: `Delete “${broker.name}”? It is also removed from every token that lists it. This cannot be undone.`,
        confirmLabel: 'Delete broker', danger: true});
    if (!sure) {
        return;
    }
    try {
        await api.del(path('projects', project.id, 'brokers', broker.id));
        announce(`Broker ${broker.name} deleted.`);
        await refresh({text: `Broker “${broker.name}” deleted.`});
    } catch (error) {
        panelNotice(panel, describe(error), true);
    }
}

// ---- tokens (modelled on the Cedalo Management Center's tokens overview) ---------------------

/** Every token of the project, or only those of one `status` (spec §6 filter). */
function listTokens(projectId, status = '') {
    return listAll(path('projects', projectId, 'tokens') + (status ? `?status=${encodeURIComponent(status)}` : ''));
}

const STATUS_FILTERS = [
    {value: '', label: 'All'},
    {value: 'valid', label: 'Valid'},
    {value: 'expiring', label: 'Expiring soon'},
    {value: 'expired', label: 'Expired'},
    {value: 'suspended', label: 'Suspended'},
];

function brokerNames(token, names) {
    if (token.type !== 'restricted') {
        return h('span', {class: 'muted'}, 'All brokers');
    }
    if (!token.brokers.length) {
        return h('span', {class: 'muted'}, 'None');
    }
    return token.brokers.map(id => names.get(id) || id).join(', ');
}

/** A token's other facts, in a row of their own under the token's, shown by its row's details button. */
function tokenDetails(token, span) {
    const copy = h('button', {type: 'button', class: 'button small copy-hash', 'aria-label': `Copy hash of ${token.name}`},
        'Copy');
    copy.addEventListener('click', async () => {
        const copied = await copyText(token.hash);
        copy.textContent = copied ? 'Copied' : 'Copy failed';
        announce(copied ? `Hash of ${token.name} copied.` : 'The browser did not allow copying.');
        setTimeout(() => { copy.textContent = 'Copy'; }, 2000);
    });
    const fact = (label, value) => [h('dt', {}, label), h('dd', {'data-label': label}, value)];
    const id = `token-details-${token.id}`;
    return h('tr', {class: 'token-details', id, hidden: true, dataset: {detailsOf: token.name}},
        h('td', {colspan: span},
            h('dl', {class: 'facts details-facts'},
                fact('Type', capitalize(token.type)),
                fact('Addresses', token.allowed_ips.length ? token.allowed_ips.join(', ') : h('span', {class: 'muted'}, 'Any')),
                fact('MQTT rules', rulesSummary(token)),
                fact('Requested by', token.issuer),
                fact('Issue date', time(token.issue_date)),
                fact('Rotated', time(token.rotated_date, 'Never')),
                fact('Hash', h('span', {class: 'hash'}, h('code', {class: 'id', title: token.hash}, token.hash), copy)))));
}

async function renderTokens(panel, context, notice) {
    const {project} = context;
    const status = context.tokenStatus || '';
    // "expiring" is the server's own window (tollgate.tokens.expiry-warning): asked, not guessed
    const [tokens, expiring, brokers] = await Promise.all([
        listTokens(project.id, status),
        status === 'expiring' ? Promise.resolve(null) : listTokens(project.id, 'expiring'),
        api.get(path('projects', project.id, 'brokers'))]);
    if (!panel.isConnected) {
        return;
    }
    const expiringIds = new Set((expiring || tokens).map(token => token.id));
    const names = new Map(brokers.map(broker => [broker.id, broker.name]));
    const refresh = message => renderTokens(panel, context, message);
    const onError = message => panelNotice(panel, message, true);
    const columns = ['Name', 'Role', 'Brokers', 'Status', 'Valid until', 'Last used', 'Actions'];
    const rows = tokens.map(token => {
        const act = {project, token, rights: context.access, refresh, onError};
        const details = tokenDetails(token, columns.length);
        const toggle = h('button', {type: 'button', class: 'button small details-toggle', 'aria-expanded': 'false',
            'aria-controls': details.id, 'aria-label': `Details of ${token.name}`, title: 'Details',
            onclick: () => {
                details.hidden = !details.hidden;
                toggle.setAttribute('aria-expanded', String(!details.hidden));
            }}, h('span', {class: 'caret', 'aria-hidden': 'true'}, '▸'));
        const usage = `#/projects/${encodeURIComponent(project.id)}/tokens/${encodeURIComponent(token.id)}`;
        return {
            attrs: {dataset: {tokenId: token.id, tokenName: token.name, status: token.status}},
            cells: [
                h('span', {class: 'token-cell'}, toggle,
                    h('a', {class: 'token-name', href: usage}, h('strong', {}, token.name))),
                badge(token.role_id, 'role'),
                brokerNames(token, names),
                h('span', {class: 'badges'}, statusBadges(token, expiringIds.has(token.id)),
                    token.suspend_reason ? h('span', {class: 'muted suspend-reason'}, token.suspend_reason) : null),
                time(token.valid_date),
                time(token.last_used_date, 'Never'),
                actionMenu({id: `token-menu-${token.id}`, name: token.name, items: [
                    {cls: 'rotate-token', text: 'Rotate secret…', onclick: () => rotateDialog(act)},
                    token.status === 'suspended'
                        ? {cls: 'resume-token', text: 'Resume…', onclick: () => resumeToken(act)}
                        : {cls: 'suspend-token', text: 'Suspend…', onclick: () => suspendDialog(act)},
                    {cls: 'edit-token', text: 'Edit name and addresses…', onclick: () => editDialog(act)},
                    {cls: 'rules-token', text: 'MQTT rules…', onclick: () => rulesDialog(act)},
                    {cls: 'usage-token', text: 'Usage log', onclick: () => { location.hash = usage; }},
                    {cls: 'revoke-token', text: 'Revoke…', danger: true,
                        onclick: () => revokeToken(project, token, refresh, panel)},
                ]}),
            ],
            after: details,
        };
    });
    const newButton = h('button', {type: 'button', class: 'button primary', id: 'new-token',
        onclick: () => newTokenDialog(context, brokers, refresh)}, 'New token');
    const refreshButton = h('button', {type: 'button', class: 'button', id: 'refresh-tokens',
        onclick: () => refresh()}, 'Refresh');
    const filter = h('select', {id: 'token-status-filter', 'aria-label': 'Show tokens by status',
        onchange: () => {
            context.tokenStatus = filter.value;
            refresh();
        }}, STATUS_FILTERS.map(f => h('option', {value: f.value, selected: f.value === status}, f.label)));
    clear(panel).append(
        h('div', {class: 'panel-head'}, h('h2', {}, 'Tokens'),
            h('div', {class: 'toolbar'}, h('label', {for: 'token-status-filter', class: 'inline-label'}, 'Status'), filter,
                refreshButton, newButton)),
        h('p', {class: 'hint'}, 'Programs use a token with the header “Authorization: Bearer tg_…”. '
            + 'Its secret is shown only once, when it is created or rotated; this list shows the SHA-256 hash.'),
        dataTable({id: 'tokens-table', caption: `Tokens of ${project.name}`,
            headers: columns,
            rows, empty: status ? 'No tokens with this status.' : 'No tokens yet: create one with “New token”.'}));
    if (notice) {
        panelNotice(panel, notice.text, notice.error);
    }
}

async function revokeToken(project, token, refresh, panel) {
    const sure = await confirmDialog({title: 'Revoke token?',
        message: `Revoke “${token.name}”? Every program that uses it is refused (401) from its next request on. `
            + 'This cannot be undone.',
        confirmLabel: 'Revoke token', danger: true});
    if (!sure) {
        return;
    }
    try {
        await api.del(path('projects', project.id, 'tokens', token.id));
        announce(`Token ${token.name} revoked.`);
        await refresh({text: `Token “${token.name}” revoked.`});
    } catch (error) {
        if (error.status === 404) {
            await refresh({text: `Token “${token.name}” was already deleted.`});
        } else {
            panelNotice(panel, describe(error), true);
        }
    }
    document.getElementById('new-token')?.focus();
}

/** The last UTC date whose end (23:59:59.999) is not after `ms`. */
function lastWholeDay(ms) {
    let date = utcDate(0, ms);
    if (Date.parse(`${date}T23:59:59.999Z`) > ms) {
        date = utcDate(-1, ms);
    }
    return date;
}

function newTokenDialog(context, brokers, refresh) {
    const {project, access: rights} = context;
    const today = utcDate(0);
    const creatorLimit = rights.expiresAt ? lastWholeDay(rights.expiresAt) : null;
    let defaultDate = utcDate(30);
    if (creatorLimit && defaultDate > creatorLimit) {
        defaultDate = creatorLimit;
    }
    const roleSelect = h('select', {name: 'role', required: true},
        rights.tokenRoles.map(role => h('option', {value: role, selected: role === 'viewer'}, capitalize(role))));
    let ruleRole = 'viewer';
    const rules = rulesEditor({id: 'token-rules', initial: roleDefault(ruleRole), role: () => roleSelect.value});
    const typeOption = (value, label, hint, checked) => h('div', {class: 'check'},
        h('input', {type: 'radio', name: 'type', id: `token-type-${value}`, value, checked,
            'aria-describedby': `token-type-${value}-hint`}),
        h('label', {for: `token-type-${value}`}, label, ' ',
            h('span', {class: 'muted', id: `token-type-${value}-hint`}, hint)));
    const brokerBox = h('fieldset', {class: 'field', id: 'token-brokers', dataset: {field: 'brokers'}, hidden: true},
        h('legend', {}, 'Brokers'),
        brokers.length
            ? h('div', {class: 'checks'}, brokers.map((broker, i) => h('div', {class: 'check'},
                h('input', {type: 'checkbox', name: 'brokers', id: `token-broker-${i}`, value: broker.id,
                    dataset: {brokerName: broker.name}}),
                h('label', {for: `token-broker-${i}`}, broker.name, ' ', h('span', {class: 'muted'}, broker.url)))))
            : h('p', {class: 'hint'}, 'This project has no brokers yet: add one on the Brokers page first.'),
        h('p', {class: 'field-error', id: 'token-brokers-error', hidden: true}));
    const form = h('form', {id: 'token-form', novalidate: true},
        h('h2', {id: 'token-dialog-title'}, 'New token'),
        field({id: 'token-name', label: 'Name', field: 'name', hint: 'Up to 30 characters, unique in this project.',
            input: {type: 'text', required: true, autocomplete: 'off', spellcheck: 'false'}}),
        field({id: 'token-role', label: 'Role', field: 'role', control: roleSelect,
            hint: 'What the token may do in the project; never more than your own role.'}),
        h('fieldset', {class: 'field', dataset: {field: 'type'}},
            h('legend', {}, 'Type'),
            typeOption('unrestricted', 'Unrestricted', '— every broker of the project', true),
            typeOption('restricted', 'Restricted', '— only the brokers chosen below', false),
            h('p', {class: 'field-error', id: 'token-type-error', hidden: true})),
        brokerBox,
        field({id: 'token-ips', label: 'Allowed addresses (optional)', field: 'allowed_ips',
            hint: 'IPv4/IPv6 addresses or CIDR blocks, one per line (10.0.0.0/8, 2001:db8::/32). Empty: any address '
                + '(a token that is itself limited to some addresses passes its own list on).',
            control: h('textarea', {name: 'allowed_ips', rows: 2, spellcheck: 'false', autocomplete: 'off'})}),
        h('details', {class: 'rules-details', id: 'token-rules-details'},
            h('summary', {}, 'MQTT rules (optional: the role’s default unless you change them)'),
            rules.element),
        field({id: 'token-valid-date', label: 'Valid until', field: 'valid_date',
            hint: `The token stops working at the end of this day (23:59:59 UTC); today is ${today} in UTC.`
                + (creatorLimit ? ` It cannot outlive your own token (${creatorLimit}).` : ''),
            input: {type: 'date', value: defaultDate, min: today, max: creatorLimit}}),
        formError('token-form-error'),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'button', id: 'token-cancel', onclick: () => dialog.close()}, 'Cancel'),
            h('button', {type: 'submit', class: 'button primary', id: 'token-create'}, 'Create token')));
    const dialog = h('dialog', {class: 'dialog wide', id: 'token-dialog', 'aria-labelledby': 'token-dialog-title'}, form);

    form.addEventListener('change', event => {
        if (event.target.name === 'type') {
            brokerBox.hidden = form.elements.type.value !== 'restricted';
        }
        if (event.target === roleSelect) {
            // untouched rules follow the role; rules someone wrote stay as they are
            if (isRoleDefault(rules.rules(), ruleRole)) {
                rules.set(roleDefault(roleSelect.value));
            } else {
                rules.refresh();
            }
            ruleRole = roleSelect.value;
        }
    });

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const name = form.elements.name.value.trim();
        const role = form.elements.role.value;
        const type = form.elements.type.value;
        const chosen = [...form.querySelectorAll('input[name="brokers"]:checked')].map(box => box.value);
        const dateInput = form.elements.valid_date;
        const validDate = dateInput.value;
        const errors = {};
        if (!name) {
            errors.name = 'Enter a name.';
        } else if (length(name) > 30) {
            errors.name = `At most 30 characters (this one has ${length(name)}).`;
        }
        if (!role) {
            errors.role = 'Choose a role.';
        }
        if (type === 'restricted' && !chosen.length) {
            errors.brokers = 'Choose at least one broker for a restricted token.';
        }
        if (dateInput.validity.badInput) {
            errors.valid_date = 'Enter a complete date.';
        } else if (validDate && validDate < today) {
            errors.valid_date = `Choose today (${today}, UTC) or a later day.`;
        } else if (validDate && creatorLimit && validDate > creatorLimit) {
            errors.valid_date = `Your own token expires first: choose ${creatorLimit} or earlier.`;
        }
        Object.assign(errors, rules.check());
        if (errors.mqtt_rules) {
            form.querySelector('#token-rules-details').open = true;
        }
        if (showErrors(form, errors)) {
            return;
        }
        const blocks = parseBlocks(form.elements.allowed_ips.value);
        if (blocks.length > 32 && showErrors(form, {allowed_ips: `At most 32 blocks (there are ${blocks.length}).`})) {
            return;
        }
        const body = {name, role, type, brokers: type === 'restricted' ? chosen : [], valid_date: validDate || null};
        if (blocks.length) {
            body.allowed_ips = blocks;
        }
        if (!isRoleDefault(rules.rules(), role)) {
            body.mqtt_rules = rules.rules(); // absent: the server gives the role's default (or the creator's own)
        }
        await busy(form, async () => {
            try {
                const created = await api.post(path('projects', project.id, 'tokens'), body);
                showSecret(created);
                refresh().catch(() => {});
            } catch (error) {
                if (error.field === 'mqtt_rules') {
                    form.querySelector('#token-rules-details').open = true;
                }
                showApiError(form, error);
            }
        });
    });

    function showSecret(created) {
        const names = new Map(brokers.map(broker => [broker.id, broker.name]));
        showSecretStep(dialog, created, {title: `Token “${created.name}” created`, focusAfter: 'new-token', facts: [
            h('dt', {}, 'Role'), h('dd', {}, created.role_id),
            h('dt', {}, 'Type'), h('dd', {}, created.type),
            h('dt', {}, 'Brokers'), h('dd', {}, brokerNames(created, names)),
            h('dt', {}, 'MQTT rules'), h('dd', {id: 'created-rules'}, rulesSummary(created)),
            h('dt', {}, 'Valid until'), h('dd', {}, time(created.valid_date))]});
    }

    // before creation, Cancel and Escape just close; the secret step guards its own closing
    dialog.addEventListener('close', () => {
        if (dialog.isConnected && !dialog.querySelector('.secret-step')) {
            dialog.remove();
            document.getElementById('new-token')?.focus();
        }
    });
    document.body.append(dialog);
    dialog.showModal();
    form.elements.name.focus();
}

// ---- members ---------------------------------------------------------------------------------

async function renderMembers(panel, context, notice) {
    const {project} = context;
    const root = state.me.kind === 'root';
    const [members, users] = await Promise.all([
        api.get(path('projects', project.id, 'members')),
        root ? api.get('api/users').catch(() => []) : Promise.resolve([]),
    ]);
    if (!panel.isConnected) {
        return;
    }
    const refresh = message => renderMembers(panel, context, message);
    const roleSelect = h('select', {name: 'role', required: true},
        ROLES.map(role => h('option', {value: role, selected: role === 'viewer'}, capitalize(role))));
    const form = h('form', {class: 'card', id: 'member-form', novalidate: true, 'aria-labelledby': 'member-form-title'},
        h('h3', {id: 'member-form-title'}, 'Add a member or change a role'),
        h('div', {class: 'row'},
            field({id: 'member-username', label: 'Username', field: 'username',
                hint: root ? 'A user created on the Users page.' : 'A user root has created.',
                input: {type: 'text', required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false',
                    list: users.length ? 'known-users' : null}}),
            field({id: 'member-role', label: 'Role', field: 'role', control: roleSelect}),
            h('div', {class: 'row-end'}, h('button', {type: 'submit', class: 'button primary', id: 'member-add'}, 'Save member'))),
        users.length ? h('datalist', {id: 'known-users'}, users.map(user => h('option', {value: user.username}))) : null,
        formError('member-form-error'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const username = form.elements.username.value.trim();
        const role = form.elements.role.value;
        const errors = {};
        if (!USERNAME.test(username)) {
            errors.username = username ? 'Use 3–64 characters: a–z, 0–9, “.”, “_” and “-”.' : 'Enter a username.';
        }
        if (showErrors(form, errors)) {
            return;
        }
        await busy(form, async () => {
            try {
                const member = await api.put(path('projects', project.id, 'members', username), {role});
                announce(`${member.username} is now ${member.role}.`);
                await refresh({text: `${member.username} is now ${member.role} of ${project.name}.`});
                document.getElementById('member-username')?.focus();
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    const rows = members.map(member => ({
        attrs: {dataset: {username: member.username}},
        cells: [member.username, badge(member.role, 'role'),
            h('button', {type: 'button', class: 'button small danger remove-member', 'aria-label': `Remove ${member.username}`,
                onclick: async () => {
                    const sure = await confirmDialog({title: 'Remove member?',
                        message: `Remove “${member.username}” from ${project.name}? They lose access from their next request on.`,
                        confirmLabel: 'Remove member', danger: true});
                    if (!sure) {
                        return;
                    }
                    try {
                        await api.del(path('projects', project.id, 'members', member.username));
                        if (state.me.kind === 'user' && member.username === state.me.name) {
                            location.hash = '#/';
                            return;
                        }
                        await refresh({text: `${member.username} removed.`});
                    } catch (error) {
                        panelNotice(panel, describe(error), true);
                    }
                }}, 'Remove')],
    }));
    clear(panel).append(h('div', {class: 'panel-head'}, h('h2', {}, 'Members')), form,
        dataTable({id: 'members-table', caption: `Members of ${project.name}`, headers: ['Username', 'Role', 'Actions'],
            rows, empty: 'No members yet.'}));
    if (notice) {
        panelNotice(panel, notice.text, notice.error);
    }
}

// ---- start -----------------------------------------------------------------------------------

document.getElementById('sign-out').addEventListener('click', () => signOut('You are signed out.'));
window.addEventListener('hashchange', async () => {
    await render();
    focusHeading();
});

(async function start() {
    const stored = session.credential;
    if (stored) {
        try {
            state.me = await api.get('api/auth/whoami', {quiet401: true});
            scheduleExpiry(state.me.expires_at);
        } catch (error) {
            if (error.status === 401) {
                session.clear();
                state.notice = 'Your session has ended. Sign in again.';
            } else {
                state.notice = describe(error);
            }
        }
    }
    await render();
})();
