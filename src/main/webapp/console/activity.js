// What happened (spec §7): a token's usage log (every request that presented one of its secrets,
// refused ones included) and the audit trail of changes, for a project (admin+) or the whole
// platform (root). Both are newest first and page backwards with ?before=<epoch ms>.

import {api, listAll, path} from './api.js';
import {clear, describe, h, time} from './dom.js';
import {statusBadges} from './lifecycle.js';
import {isRoleDefault, ruleText} from './rules.js';

const PAGE = 100;

/**
 * A table that pages backwards: the first page now, then "Show older" appends the page before the
 * oldest row shown, until a page comes back short.
 */
async function pagedTable(container, {id, caption, url, headers, cells, rowAttrs, empty, learn = () => {}}) {
    const body = h('tbody', {});
    const table = h('div', {class: 'table-wrap'}, h('table', {id, class: 'data'},
        h('caption', {class: 'sr-only'}, caption),
        h('thead', {}, h('tr', {}, headers.map(header => h('th', {scope: 'col'}, header)))),
        body));
    const more = h('button', {type: 'button', class: 'button', id: `${id}-older`, hidden: true}, 'Show older');
    const status = h('p', {class: 'hint', id: `${id}-status`, role: 'status'});
    let oldest = null;
    const load = async () => {
        const joiner = url.includes('?') ? '&' : '?';
        const page = await api.get(`${url}${joiner}limit=${PAGE}${oldest === null ? '' : `&before=${oldest}`}`);
        page.forEach(learn); // a whole page first: a newer event may name what an older one only identifies
        for (const item of page) {
            body.append(h('tr', rowAttrs(item), cells(item).map((cell, i) => h('td', {'data-label': headers[i]}, cell))));
        }
        if (page.length) {
            oldest = page[page.length - 1].at;
        }
        more.hidden = page.length < PAGE;
        const shown = body.children.length;
        status.textContent = shown ? `${shown} shown, newest first.` : '';
        table.hidden = shown === 0;
        if (!shown) {
            status.textContent = empty;
        }
    };
    more.addEventListener('click', async () => {
        more.disabled = true;
        try {
            await load();
        } catch (error) {
            status.textContent = describe(error);
        } finally {
            more.disabled = false;
        }
    });
    container.append(status, table, more);
    await load();
}

const code = text => text === null || text === undefined ? h('span', {class: 'muted'}, '—') : h('code', {}, text);

/** The token's rules in order (first match wins), marked when they are its role's default. */
function mqttRules(token) {
    const rules = token.mqtt_rules || [];
    return [
        rules.length
            ? h('ol', {class: 'rule-lines'}, rules.map(rule => h('li', {}, h('code', {}, ruleText(rule)))))
            : h('span', {class: 'muted'}, 'None: every publish and subscribe is refused'),
        isRoleDefault(rules, token.role_id) ? h('span', {class: 'muted'}, 'the role’s default') : null,
    ];
}

/** A token's facts and its usage log (admin+ of the project). */
export async function renderTokenUsage(panel, {project, tokenId}) {
    const token = (await listAll(path('projects', project.id, 'tokens'))).find(t => t.id === tokenId);
    if (!panel.isConnected) {
        return;
    }
    const back = h('a', {href: `#/projects/${encodeURIComponent(project.id)}/tokens`, id: 'back-to-tokens'}, '← All tokens');
    if (!token) {
        clear(panel).append(back, h('p', {class: 'notice error', id: 'token-missing'}, 'This token no longer exists.'));
        return;
    }
    clear(panel).append(back,
        h('div', {class: 'panel-head'}, h('h2', {id: 'token-title'}, `Token “${token.name}”`),
            h('span', {class: 'badges'}, statusBadges(token, false))),
        h('dl', {class: 'facts', id: 'token-facts'},
            h('dt', {}, 'Role'), h('dd', {}, token.role_id),
            h('dt', {}, 'Issued by'), h('dd', {}, token.issuer),
            h('dt', {}, 'Valid until'), h('dd', {}, time(token.valid_date)),
            h('dt', {}, 'Last used'), h('dd', {}, time(token.last_used_date, 'Never'),
                token.last_used_ip ? ` from ${token.last_used_ip}` : ''),
            h('dt', {}, 'Rotated'), h('dd', {}, time(token.rotated_date, 'Never')),
            h('dt', {}, 'Suspended'), h('dd', {}, time(token.suspended_date, 'No'),
                token.suspend_reason ? ` — ${token.suspend_reason}` : ''),
            h('dt', {}, 'MQTT rules'), h('dd', {id: 'token-rules'}, mqttRules(token))),
        h('h3', {}, 'Usage'),
        h('p', {class: 'hint'}, 'Every request that presented one of this token’s secrets, refused ones highlighted. '
            + 'Uses show up within a few seconds.'));
    await pagedTable(panel, {
        id: 'usage-table', caption: `Usage of ${token.name}`,
        url: path('projects', project.id, 'tokens', token.id, 'usage'),
        headers: ['When', 'Outcome', 'Status', 'Request', 'Address', 'User agent'],
        rowAttrs: use => ({class: use.outcome === 'ok' ? null : 'refused', dataset: {outcome: use.outcome}}),
        cells: use => [time(use.at), h('span', {class: `badge badge-outcome-${use.outcome === 'ok' ? 'ok' : 'refused'}`},
            use.outcome), String(use.status), h('span', {}, h('strong', {}, use.method), ' ', code(use.path)),
        code(use.ip), use.user_agent || h('span', {class: 'muted'}, '—')],
        empty: 'No recorded use yet.',
    });
}

// ---- the audit trail ------------------------------------------------------------------------
//
// A person reads names and local dates, not UUIDs and epoch milliseconds. Events carry ids (their
// project, a created token's brokers): the project names come from the projects the caller can
// list, a broker's name from its project's brokers (asked once per project, when an event needs
// one), and both also from the events themselves (project.create/delete and broker.* events name
// their target), which covers what was deleted since. An id no list names is shown short, with
// the whole id in its tooltip.

const LABELS = {
    grace_seconds: 'Grace', locked_seconds: 'Locked for', valid_date: 'Valid until',
    previous_valid_until: 'Previous secret until', previous_role: 'Previous role', mqtt_rules: 'MQTT rules',
    url: 'URL', replaced: 'Replaced a key', allowed_ips: 'Allowed addresses',
};

const label = key => LABELS[key] || (key.charAt(0).toUpperCase() + key.slice(1)).replaceAll('_', ' ');

/** 3600 → "1 hour", 90 → "90 s", 0 → "none". */
export function duration(seconds) {
    if (!seconds) {
        return 'none';
    }
    const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];
    for (const [size, unit] of units) {
        if (seconds % size === 0) {
            const n = seconds / size;
            return `${n} ${unit}${n === 1 ? '' : 's'}`;
        }
    }
    return `${seconds} s`;
}

const unknown = (what, id) => h('span', {class: 'muted', title: id}, `${what} ${String(id).slice(0, 8)}…`);

/** Names of projects and brokers for the audit pages; `projects` maps id → name to start with. */
export function auditNames(projects = new Map()) {
    const brokers = new Map(); // broker id → name
    const asked = new Map(); // project id → promise of its brokers
    return {
        learn(event) {
            if (event.target_name && event.target_id && event.action.startsWith('project.')) {
                projects.set(event.target_id, event.target_name);
            }
            if (event.target_name && event.target_id && event.action.startsWith('broker.')) {
                brokers.set(event.target_id, event.target_name);
            }
        },
        project(id) {
            return projects.has(id) ? projects.get(id) : unknown('deleted project', id);
        },
        /** A broker's name now, or once its project's brokers have been asked for. */
        broker(projectId, id) {
            if (brokers.has(id)) {
                return brokers.get(id);
            }
            const shown = unknown('deleted broker', id);
            if (projectId && !asked.has(projectId)) {
                asked.set(projectId, api.get(path('projects', projectId, 'brokers')).then(list => {
                    list.forEach(broker => brokers.set(broker.id, broker.name));
                }).catch(() => {}));
            }
            (asked.get(projectId) || Promise.resolve()).then(() => {
                if (brokers.has(id)) {
                    shown.replaceWith(brokers.get(id));
                }
            });
            return shown;
        },
    };
}

/** One value of an event's details, readable: dates local, durations in words, brokers by name. */
function detailValue(key, value, event, names) {
    if (value === null || value === undefined) {
        return h('span', {class: 'muted'}, 'none');
    }
    if (typeof value === 'number' && /(_date|_until)$/.test(key)) {
        return time(value);
    }
    if (typeof value === 'number' && key.endsWith('_seconds')) {
        return duration(value);
    }
    if (key === 'brokers' && Array.isArray(value)) {
        if (!value.length) {
            return h('span', {class: 'muted'}, 'all');
        }
        return value.flatMap((id, i) => [i ? ', ' : null, names.broker(event.project_id, id)]);
    }
    if (key === 'mqtt_rules' && Array.isArray(value)) {
        return value.length ? value.map(rule => ruleText(rule)).join('; ') : h('span', {class: 'muted'}, 'none');
    }
    if (Array.isArray(value)) {
        return value.length ? value.join(', ') : h('span', {class: 'muted'}, 'none');
    }
    if (typeof value === 'object' && 'from' in value && 'to' in value) {
        return [detailValue(key, value.from, event, names), ' → ', detailValue(key, value.to, event, names)];
    }
    if (typeof value === 'object') {
        return detailsList(value, event, names);
    }
    if (typeof value === 'boolean') {
        return value ? 'yes' : 'no';
    }
    return String(value);
}

function detailsList(details, event, names) {
    return h('ul', {class: 'audit-details'}, Object.entries(details).map(([key, value]) =>
        h('li', {dataset: {key}}, h('span', {class: 'muted'}, `${label(key)}: `), detailValue(key, value, event, names))));
}

/** The audit trail: a project's (admin+) or the platform's (root, with the project column). */
export async function renderAudit(container, {url, id, withProject, names = auditNames()}) {
    const headers = ['When', 'Who', 'Action', ...(withProject ? ['Project'] : []), 'Target', 'Address', 'Details'];
    await pagedTable(container, {
        id, caption: 'Audit trail', url, headers,
        learn: event => names.learn(event),
        rowAttrs: event => ({dataset: {action: event.action}}),
        cells: event => [time(event.at), event.actor, h('code', {class: 'audit-action'}, event.action),
            ...(withProject ? [event.project_id ? names.project(event.project_id) : h('span', {class: 'muted'}, 'platform')] : []),
            event.target_name || (event.target_id ? unknown('id', event.target_id) : h('span', {class: 'muted'}, '—')),
            code(event.ip),
            event.details && Object.keys(event.details).length
                ? detailsList(event.details, event, names) : h('span', {class: 'muted'}, '—')],
        empty: 'No events yet.',
    });
}
