// A token's MQTT topic rules (spec §9): the ordered list a broker's checks go through, first match
// wins, no match refused. The editor only arranges rules; whether a filter is a valid MQTT topic
// filter, and whether the caller may grant them, is the server's judgement (a 400 names the field
// mqtt_rules and is shown next to the editor).

import {api, path} from './api.js';
import {announce, busy, formError, h, showApiError, showErrors} from './dom.js';

export const MAX_RULES = 64;
const MAX_FILTER = 256;
const EFFECTS = ['allow', 'deny'];
const ACTIONS = [
    {value: 'all', label: 'publish and subscribe'},
    {value: 'publish', label: 'publish'},
    {value: 'subscribe', label: 'subscribe'},
];

/** What a token of `role` gets when none were set (the server says the same). */
export function roleDefault(role) {
    return [{effect: 'allow', action: role === 'viewer' ? 'subscribe' : 'all', filter: '#'}];
}

/** One rule as the API takes it: qos and retain only when they narrow the rule. */
function normal(rule) {
    const out = {effect: rule.effect, action: rule.action, filter: rule.filter};
    if (Array.isArray(rule.qos)) {
        out.qos = [...rule.qos].sort();
    }
    if (rule.retain === true || rule.retain === false) {
        out.retain = rule.retain;
    }
    return out;
}

export function sameRules(a, b) {
    return JSON.stringify((a || []).map(normal)) === JSON.stringify((b || []).map(normal));
}

export const isRoleDefault = (rules, role) => sameRules(rules, roleDefault(role));

/** "allow subscribe #" — one line per rule, for lists and facts. */
export function ruleText(rule) {
    const action = ACTIONS.find(a => a.value === rule.action)?.label || rule.action;
    const extras = [];
    if (Array.isArray(rule.qos)) {
        extras.push(`QoS ${[...rule.qos].sort().join(', ')}`);
    }
    if (rule.retain === true || rule.retain === false) {
        extras.push(rule.retain ? 'retained only' : 'not retained');
    }
    return `${rule.effect} ${action} ${rule.filter}${extras.length ? ` (${extras.join('; ')})` : ''}`;
}

/** The short cell text of a token row: the role's default, or how many rules it has. */
export function rulesSummary(token) {
    const rules = token.mqtt_rules || [];
    if (isRoleDefault(rules, token.role_id)) {
        return h('span', {class: 'muted rules-summary', title: rules.map(ruleText).join('\n')}, 'Role default');
    }
    return h('span', {class: 'rules-summary', title: rules.map(ruleText).join('\n')},
        rules.length === 1 ? '1 rule' : `${rules.length} rules`);
}

/**
 * The editor: an ordered list of rules with add, remove, move up and move down, inside a fieldset
 * that carries data-field="mqtt_rules" (so a form's showApiError puts the server's message here).
 * `role()` tells the token's role, for the "role's default" note. Returns {element, rules(),
 * set(rules), check()}: check() gives the first local problem as {mqtt_rules: message}, or {}.
 */
export function rulesEditor({id, initial, role}) {
    let rules = (initial || []).map(normal);
    const list = h('ol', {class: 'rules', id: `${id}-list`});
    const note = h('p', {class: 'hint rules-note', id: `${id}-note`, role: 'status'});
    const addButton = h('button', {type: 'button', class: 'button small', id: `${id}-add`}, 'Add rule');
    const resetButton = h('button', {type: 'button', class: 'button small', id: `${id}-reset`}, 'Use the role’s default');
    const error = h('p', {class: 'field-error', id: `${id}-error`, hidden: true});
    const element = h('fieldset', {class: 'field rules-editor', id, dataset: {field: 'mqtt_rules'},
            'aria-describedby': `${id}-hint ${id}-note ${id}-error`},
        h('legend', {}, 'MQTT rules'),
        h('p', {class: 'hint', id: `${id}-hint`},
            'What a client connected to a broker with this token may publish and subscribe to. ',
            h('strong', {}, 'Rules are checked from the top: the first rule that matches decides'),
            '; when none matches, the action is refused. Filters are MQTT topic filters (+ one level, # the '
                + 'rest); ${clientid} and ${username} stand for the client’s own.'),
        list, error, note,
        h('div', {class: 'rules-tools'}, addButton, resetButton));

    const selectOf = (name, options, value, label) => h('select', {name, 'aria-label': label},
        options.map(o => h('option', {value: o.value, selected: o.value === value}, o.label)));

    function row(rule, index) {
        const n = index + 1;
        const qos = h('span', {class: 'rule-qos', role: 'group', 'aria-label': `Rule ${n}: QoS (none ticked: any)`},
            h('span', {class: 'muted'}, 'QoS'),
            [0, 1, 2].map(level => h('label', {class: 'inline-check'},
                h('input', {type: 'checkbox', name: 'rule_qos', value: level,
                    checked: Array.isArray(rule.qos) && rule.qos.includes(level),
                    onchange: () => read(index)}), String(level))));
        const retain = selectOf('rule_retain', [
            {value: '', label: 'retained or not'},
            {value: 'true', label: 'retained only'},
            {value: 'false', label: 'not retained'},
        ], rule.retain === true ? 'true' : rule.retain === false ? 'false' : '', `Rule ${n}: retain flag`);
        const move = (cls, label, text, to, disabled) => h('button', {type: 'button', class: `button small ${cls}`,
            'aria-label': `${label} rule ${n}`, disabled, onclick: () => {
                const [moved] = rules.splice(index, 1);
                rules.splice(to, 0, moved);
                draw();
                list.children[to]?.querySelector(`.${cls}:not([disabled])`)?.focus();
                announce(`Rule moved to position ${to + 1}.`);
            }}, text);
        const item = h('li', {class: 'rule', dataset: {index: String(index)}},
            h('span', {class: 'rule-number', 'aria-hidden': 'true'}, `${n}.`),
            selectOf('rule_effect', EFFECTS.map(e => ({value: e, label: e})), rule.effect, `Rule ${n}: effect`),
            selectOf('rule_action', ACTIONS, rule.action, `Rule ${n}: action`),
            h('input', {type: 'text', name: 'rule_filter', value: rule.filter, spellcheck: 'false', autocomplete: 'off',
                'aria-label': `Rule ${n}: topic filter`, placeholder: 'devices/${clientid}/#', maxlength: 1024}),
            qos, retain,
            h('span', {class: 'rule-buttons'},
                move('rule-up', 'Move up', '↑', index - 1, index === 0),
                move('rule-down', 'Move down', '↓', index + 1, index === rules.length - 1),
                h('button', {type: 'button', class: 'button small danger rule-remove', 'aria-label': `Remove rule ${n}`,
                    onclick: () => {
                        rules.splice(index, 1);
                        draw();
                        (list.children[Math.min(index, rules.length - 1)]?.querySelector('input[name="rule_filter"]')
                            || addButton).focus();
                        announce(`Rule ${n} removed.`);
                    }}, 'Remove')));
        item.addEventListener('input', () => read(index));
        item.addEventListener('change', () => read(index));
        return item;
    }

    /** Takes row `index`'s controls into `rules` (the list is the truth while the person types). */
    function read(index) {
        const item = list.children[index];
        if (!item) {
            return;
        }
        const value = name => item.querySelector(`[name="${name}"]`).value;
        const levels = [...item.querySelectorAll('input[name="rule_qos"]:checked')].map(box => Number(box.value));
        const retain = value('rule_retain');
        rules[index] = normal({effect: value('rule_effect'), action: value('rule_action'), filter: value('rule_filter').trim(),
            qos: levels.length ? levels : undefined, retain: retain === '' ? undefined : retain === 'true'});
        describe();
    }

    function describe() {
        const current = role();
        if (!rules.length) {
            note.textContent = 'No rules: every publish and subscribe is refused.';
        } else if (isRoleDefault(rules, current)) {
            note.textContent = `These are the role’s default (${current}: ${roleDefault(current).map(ruleText).join('; ')}).`;
        } else {
            note.textContent = `Custom rules (the ${current} role’s default is ${roleDefault(current).map(ruleText).join('; ')}).`;
        }
        resetButton.hidden = isRoleDefault(rules, current);
        addButton.disabled = rules.length >= MAX_RULES;
    }

    function draw() {
        list.replaceChildren(...rules.map(row));
        describe();
    }

    addButton.addEventListener('click', () => {
        rules.push({effect: 'allow', action: 'subscribe', filter: ''});
        draw();
        list.lastElementChild?.querySelector('input[name="rule_filter"]')?.focus();
    });
    resetButton.addEventListener('click', () => {
        rules = roleDefault(role());
        draw();
        announce('The role’s default rules are back.');
    });
    draw();

    return {
        element,
        rules: () => rules.map(normal),
        set(next) {
            rules = next.map(normal);
            draw();
        },
        refresh: describe,
        check() {
            const empty = rules.findIndex(rule => !rule.filter);
            if (empty >= 0) {
                return {mqtt_rules: `Rule ${empty + 1} has no topic filter: enter one, or remove the rule.`};
            }
            const long = rules.findIndex(rule => [...rule.filter].length > MAX_FILTER);
            if (long >= 0) {
                return {mqtt_rules: `Rule ${long + 1}: a topic filter has at most ${MAX_FILTER} characters.`};
            }
            return {};
        },
    };
}

/** The rules dialog of one token: edit, then PATCH {mqtt_rules} (nothing is sent when nothing changed). */
export function rulesDialog({project, token, refresh}) {
    const editor = rulesEditor({id: 'rules-editor', initial: token.mqtt_rules || roleDefault(token.role_id),
        role: () => token.role_id});
    const form = h('form', {id: 'rules-form', novalidate: true},
        h('h2', {id: 'rules-dialog-title'}, `MQTT rules of “${token.name}”`),
        h('p', {class: 'hint'}, `A client connects to the project’s brokers with the token’s id (${token.id}) as `
            + `username and its secret as password; role: ${token.role_id}.`),
        editor.element,
        formError('rules-form-error'),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'button', id: 'rules-cancel', onclick: () => dialog.close()}, 'Cancel'),
            h('button', {type: 'submit', class: 'button primary', id: 'rules-save'}, 'Save rules')));
    const dialog = h('dialog', {class: 'dialog wider', id: 'rules-dialog', 'aria-labelledby': 'rules-dialog-title'}, form);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (showErrors(form, editor.check())) {
            return;
        }
        const rules = editor.rules();
        if (sameRules(rules, token.mqtt_rules)) {
            dialog.close();
            return;
        }
        await busy(form, async () => {
            try {
                const saved = await api.patch(path('projects', project.id, 'tokens', token.id), {mqtt_rules: rules});
                announce(`Rules of ${saved.name} saved.`);
                dialog.close();
                await refresh({text: `MQTT rules of “${saved.name}” saved.`});
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    dialog.addEventListener('close', () => {
        dialog.remove();
        document.querySelector(`tr[data-token-id="${CSS.escape(token.id)}"] .rules-token`)?.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector('input[name="rule_filter"]')?.focus();
}
