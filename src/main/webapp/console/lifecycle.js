// A token's life after its creation (spec §6): rotate with a grace window, suspend with a reason
// and resume, edit the name and the allowed address blocks. Every action goes through the API and
// the server stays the judge; the dialogs only check what a person can fix before sending.

import {api, path} from './api.js';
import {
    announce, busy, confirmDialog, describe, field, formError, h, length, showApiError, showErrors, time, utcDate,
} from './dom.js';
import {showSecretStep} from './secret.js';

const DAY = 86_400_000;

/** The grace choices a person gets: the API takes any 0–86400 seconds. */
export const GRACE_CHOICES = [
    {seconds: 0, label: 'None', hint: '— the current secret stops working at once'},
    {seconds: 3600, label: '1 hour', hint: '— time to roll the new secret out'},
    {seconds: 86400, label: '24 hours', hint: '— for deployments that take a day'},
];

/** Rotate's preselected grace: one hour, enough to roll a new secret out without an outage. */
export const DEFAULT_GRACE_SECONDS = 3600;

/** "192.0.2.7\n10.0.0.0/8" (one per line, commas also accepted) → ["192.0.2.7", "10.0.0.0/8"]. */
export function parseBlocks(text) {
    return text.split(/[\s,]+/).map(part => part.trim()).filter(Boolean);
}

/** Whole days left until `validDate`, rounded up (a token ending in 3 h "expires in 1 day"). */
export function daysLeft(validDate, now = Date.now()) {
    return Math.max(0, Math.ceil((validDate - now) / DAY));
}

/** Badges for a token row: its status, "expires in N days" inside the warning window, and flags. */
export function statusBadges(token, expiring) {
    const badges = [h('span', {class: `badge badge-${token.status}`, dataset: {status: token.status}},
        token.status.charAt(0).toUpperCase() + token.status.slice(1))];
    if (token.status === 'valid' && expiring) {
        const days = daysLeft(token.valid_date);
        badges.push(h('span', {class: 'badge badge-expiring'},
            days <= 1 ? 'expires within a day' : `expires in ${days} days`));
    }
    if (token.type === 'restricted' && token.brokers.length === 0) {
        badges.push(h('span', {class: 'badge badge-warning', title: 'All brokers this token listed were deleted: '
            + 'it can reach nothing but its project.'}, 'no brokers left'));
    }
    if (token.previous_valid_until && token.previous_valid_until > Date.now()) {
        badges.push(h('span', {class: 'badge badge-grace', title: 'The secret before the last rotation still works '
            + `until ${new Date(token.previous_valid_until).toLocaleString()}.`}, 'previous secret in grace'));
    }
    return badges;
}

function modal(id, title, ...content) {
    const dialog = h('dialog', {class: 'dialog wide', id, 'aria-labelledby': `${id}-title`},
        h('h2', {id: `${id}-title`}, title), ...content);
    dialog.addEventListener('close', () => {
        if (!dialog.querySelector('.secret-step')) {
            dialog.remove();
        }
    });
    document.body.append(dialog);
    dialog.showModal();
    return dialog;
}

const actions = (dialog, submitId, submitLabel, danger = false) => h('div', {class: 'actions'},
    h('button', {type: 'button', class: 'button', id: `${submitId}-cancel`, onclick: () => dialog.close()}, 'Cancel'),
    h('button', {type: 'submit', class: danger ? 'button danger' : 'button primary', id: submitId}, submitLabel));

/**
 * Rotate: a new secret, shown once; the old one keeps working for the chosen grace. An expired
 * token needs a new end date (the API refuses a rotation that would leave it expired).
 */
export function rotateDialog({project, token, rights, refresh}) {
    const expired = token.status === 'expired' || token.valid_date <= Date.now();
    const today = utcDate(0);
    const form = h('form', {id: 'rotate-form', novalidate: true},
        h('p', {class: 'hint'}, `A new secret replaces the current one of “${token.name}”. Programs must switch to it `
            + 'before the grace ends.'),
        h('fieldset', {class: 'field', dataset: {field: 'grace_seconds'}},
            h('legend', {}, 'Grace for the current secret'),
            GRACE_CHOICES.map(choice => h('div', {class: 'check'},
                h('input', {type: 'radio', name: 'grace', id: `rotate-grace-${choice.seconds}`, value: choice.seconds,
                    checked: choice.seconds === DEFAULT_GRACE_SECONDS}),
                h('label', {for: `rotate-grace-${choice.seconds}`}, choice.label, ' ',
                    h('span', {class: 'muted'}, choice.hint)))),
            h('p', {class: 'field-error', id: 'rotate-grace-error', hidden: true})),
        field({id: 'rotate-valid-date', label: expired ? 'New end date (required: the token has expired)' : 'New end date',
            field: 'valid_date',
            hint: expired ? 'The token stops working at the end of this day (UTC).'
                : `Leave empty to keep the current one (${new Date(token.valid_date).toISOString().slice(0, 10)}).`,
            input: {type: 'date', min: today, required: expired,
                max: rights.expiresAt ? utcDate(0, rights.expiresAt) : null}}),
        formError('rotate-form-error'));
    const dialog = modal('rotate-dialog', `Rotate “${token.name}”`, form);
    form.append(actions(dialog, 'rotate-submit', 'Rotate secret'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const dateInput = form.elements.valid_date;
        const errors = {};
        if (dateInput.validity.badInput) {
            errors.valid_date = 'Enter a complete date.';
        } else if (expired && !dateInput.value) {
            errors.valid_date = 'An expired token needs a new end date.';
        } else if (dateInput.value && dateInput.value < today) {
            errors.valid_date = `Choose today (${today}, UTC) or a later day.`;
        }
        if (showErrors(form, errors)) {
            return;
        }
        const body = {grace_seconds: Number(form.elements.grace.value)};
        if (dateInput.value) {
            body.valid_date = dateInput.value;
        }
        await busy(form, async () => {
            try {
                const rotated = await api.post(path('projects', project.id, 'tokens', token.id, 'rotate'), body);
                announce(`Token ${token.name} rotated.`);
                showSecretStep(dialog, rotated, {title: `Token “${rotated.name}” rotated`, focusAfter: 'refresh-tokens',
                    facts: [
                        h('dt', {}, 'Previous secret works until'),
                        h('dd', {id: 'rotate-previous-until'}, rotated.previous_valid_until
                            ? time(rotated.previous_valid_until) : 'No longer: it stopped working now'),
                        h('dt', {}, 'Valid until'), h('dd', {}, time(rotated.valid_date))]});
                refresh().catch(() => {});
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    form.querySelector('input[name="grace"]:checked').focus();
}

/** Suspend: every secret of the token is refused (401 "suspended") until it is resumed. */
export function suspendDialog({project, token, refresh}) {
    const form = h('form', {id: 'suspend-form', novalidate: true},
        h('p', {}, `Every program that uses “${token.name}” is refused from its next request on, until you resume it.`),
        field({id: 'suspend-reason', label: 'Reason', field: 'reason',
            hint: 'Optional, up to 200 characters: shown in the token list and the audit trail.',
            input: {type: 'text', autocomplete: 'off', maxlength: 400}}),
        formError('suspend-form-error'));
    const dialog = modal('suspend-dialog', `Suspend “${token.name}”?`, form);
    form.append(actions(dialog, 'suspend-submit', 'Suspend token', true));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const reason = form.elements.reason.value.trim();
        if (length(reason) > 200 && showErrors(form, {reason: `At most 200 characters (this one has ${length(reason)}).`})) {
            return;
        }
        await busy(form, async () => {
            try {
                await api.post(path('projects', project.id, 'tokens', token.id, 'suspend'), reason ? {reason} : {});
                announce(`Token ${token.name} suspended.`);
                dialog.close();
                await refresh({text: `Token “${token.name}” suspended.`});
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    form.elements.reason.focus();
}

export async function resumeToken({project, token, refresh, onError}) {
    const sure = await confirmDialog({title: 'Resume token?',
        message: `“${token.name}” works again from the next request on`
            + (token.suspend_reason ? ` (it was suspended: ${token.suspend_reason}).` : '.'),
        confirmLabel: 'Resume token'});
    if (!sure) {
        return;
    }
    try {
        await api.post(path('projects', project.id, 'tokens', token.id, 'resume'), {});
        announce(`Token ${token.name} resumed.`);
        await refresh({text: `Token “${token.name}” resumed.`});
    } catch (error) {
        onError(describe(error));
    }
}

/** Edit the name and the allowed address blocks (PATCH sends only what changed). */
export function editDialog({project, token, refresh}) {
    const form = h('form', {id: 'edit-token-form', novalidate: true},
        field({id: 'edit-token-name', label: 'Name', field: 'name', hint: 'Up to 30 characters, unique in this project.',
            input: {type: 'text', required: true, autocomplete: 'off', spellcheck: 'false', value: token.name}}),
        field({id: 'edit-token-ips', label: 'Allowed addresses', field: 'allowed_ips',
            hint: 'IPv4 or IPv6 addresses or CIDR blocks (10.0.0.0/8, 2001:db8::/32), one per line, at most 32. '
                + 'Empty: any address.',
            control: h('textarea', {name: 'allowed_ips', rows: 4, spellcheck: 'false', autocomplete: 'off'},
                token.allowed_ips.join('\n'))}),
        formError('edit-token-form-error'));
    const dialog = modal('edit-token-dialog', `Edit “${token.name}”`, form);
    form.append(actions(dialog, 'edit-token-submit', 'Save'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const name = form.elements.name.value.trim();
        const blocks = parseBlocks(form.elements.allowed_ips.value);
        const errors = {};
        if (!name) {
            errors.name = 'Enter a name.';
        } else if (length(name) > 30) {
            errors.name = `At most 30 characters (this one has ${length(name)}).`;
        }
        if (blocks.length > 32) {
            errors.allowed_ips = `At most 32 blocks (there are ${blocks.length}).`;
        }
        if (showErrors(form, errors)) {
            return;
        }
        const body = {};
        if (name !== token.name) {
            body.name = name;
        }
        if (blocks.join('\n') !== token.allowed_ips.join('\n')) {
            body.allowed_ips = blocks;
        }
        if (!Object.keys(body).length) {
            dialog.close();
            return;
        }
        await busy(form, async () => {
            try {
                const saved = await api.patch(path('projects', project.id, 'tokens', token.id), body);
                announce(`Token ${saved.name} saved.`);
                dialog.close();
                await refresh({text: `Token “${saved.name}” saved.`});
            } catch (error) {
                showApiError(form, error);
            }
        });
    });
    form.elements.name.focus();
}
