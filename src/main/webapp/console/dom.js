// Small DOM helpers: element building (text is always set as text, never parsed as HTML),
// labelled form fields with their error messages, dates, clipboard, and a confirmation dialog.

/** h('button', {class: 'button', onclick: fn}, 'Save'): attributes, event handlers, children. */
export function h(tag, attrs, ...children) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (key === 'class') {
            element.className = value;
        } else if (key === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (key.startsWith('on') && typeof value === 'function') {
            element.addEventListener(key.slice(2), value);
        } else {
            element.setAttribute(key, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
}

export function clear(element) {
    element.replaceChildren();
    return element;
}

/** Announces a short status to screen readers (and nothing visible). */
export function announce(message) {
    const announcer = document.getElementById('announcer');
    if (announcer) {
        announcer.textContent = '';
        setTimeout(() => { announcer.textContent = message; }, 50);
    }
}

/** Length as the API counts it: Unicode code points, after trimming. */
export function length(text) {
    return [...text.trim()].length;
}

// ---- form fields ---------------------------------------------------------------------------

/**
 * A labelled control with a hint and an error line. `field` is the API's field name: an error body
 * with info.field naming it is shown here. `control` is an input/select built by the caller, or
 * built from `input` attributes.
 */
export function field({id, label, field: apiField, hint, control, input}) {
    const errorId = `${id}-error`;
    const hintId = hint ? `${id}-hint` : null;
    const element = control || h('input', {id, name: apiField, ...input});
    element.id = id;
    element.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    return h('div', {class: 'field', dataset: {field: apiField}},
        h('label', {for: id}, label),
        element,
        hint ? h('p', {class: 'hint', id: hintId}, hint) : null,
        h('p', {class: 'field-error', id: errorId, hidden: true}));
}

/** A form's own error line, for messages that belong to no single field. */
export function formError(id) {
    return h('p', {class: 'form-error', id, role: 'alert', hidden: true});
}

export function clearErrors(form) {
    for (const error of form.querySelectorAll('.field-error, .form-error')) {
        error.textContent = '';
        error.hidden = true;
    }
    for (const invalid of form.querySelectorAll('[aria-invalid]')) {
        invalid.removeAttribute('aria-invalid');
    }
}

/**
 * Shows errors: `fields` maps API field names to messages (shown next to the field); anything
 * else goes to the form's error line. The first invalid control gets the focus.
 */
export function showErrors(form, fields, general) {
    clearErrors(form);
    let first = null;
    const leftOver = [];
    for (const [name, message] of Object.entries(fields || {})) {
        const container = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
        const line = container && container.querySelector('.field-error');
        if (!line) {
            leftOver.push(message);
            continue;
        }
        line.textContent = message;
        line.hidden = false;
        const control = container.querySelector('input, select, textarea');
        if (control) {
            control.setAttribute('aria-invalid', 'true');
            first = first || control;
        }
    }
    const messages = [general, ...leftOver].filter(Boolean);
    const formLine = form.querySelector('.form-error');
    if (messages.length && formLine) {
        formLine.textContent = messages.join(' ');
        formLine.hidden = false;
    }
    if (first) {
        first.focus();
    }
    return Object.keys(fields || {}).length > 0 || messages.length > 0;
}

/** An ApiError shown on a form: next to the field info.field names, else on the form's line. */
export function showApiError(form, error) {
    const message = describe(error);
    if (error && error.field && form.querySelector(`[data-field="${CSS.escape(error.field)}"] .field-error`)) {
        showErrors(form, {[error.field]: message});
    } else {
        showErrors(form, {}, message);
    }
}

/** A readable sentence for an API error. */
export function describe(error) {
    if (!error || !error.status) {
        return error && error.message ? error.message : 'Something went wrong.';
    }
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    const prefix = {
        403: 'Not allowed: ',
        404: 'Not found: ',
        409: 'Conflict: ',
        429: 'Too many attempts: ',
        503: 'Unavailable: ',
    }[error.status] || '';
    let text = prefix + message + (/[.!?]$/.test(message) ? '' : '.');
    if (error.status === 429 && error.info.retry_after_seconds) {
        text += ` Try again in ${error.info.retry_after_seconds} s.`;
    }
    if (error.status >= 500 && error.info.error_id) {
        text += ` (error id ${error.info.error_id})`;
    }
    return text;
}

/** Disables a form's controls while a request runs. */
export async function busy(form, action) {
    const controls = [...form.querySelectorAll('button, input, select, textarea')].filter(c => !c.disabled);
    controls.forEach(control => { control.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
        return await action();
    } finally {
        controls.forEach(control => { control.disabled = false; });
        form.removeAttribute('aria-busy');
    }
}

// ---- dates -----------------------------------------------------------------------------------

const pad = n => String(n).padStart(2, '0');

/** Epoch ms as local "YYYY-MM-DD HH:MM" inside <time> (its title gives the UTC instant). */
export function time(ms, empty = '—') {
    if (ms === null || ms === undefined) {
        return h('span', {class: 'muted'}, empty);
    }
    const d = new Date(ms);
    return h('time', {datetime: d.toISOString(), title: d.toISOString()},
        h('span', {class: 'date'}, `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`), ' ',
        h('span', {class: 'clock'}, `${pad(d.getHours())}:${pad(d.getMinutes())}`));
}

/** The UTC calendar date "YYYY-MM-DD", `days` after today (the API reads a date as that day in UTC). */
export function utcDate(days = 0, from = Date.now()) {
    return new Date(from + days * 86_400_000).toISOString().slice(0, 10);
}

// ---- clipboard -------------------------------------------------------------------------------

/**
 * Copies text; true when the browser said it did. The asynchronous Clipboard API needs a secure
 * context (https or localhost); elsewhere a hidden textarea inside `container` (a modal dialog
 * makes everything outside it inert) is copied with execCommand.
 */
export async function copyText(text, container = document.body) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch (e) {
            // fall through
        }
    }
    const area = h('textarea', {class: 'offscreen', readonly: true, 'aria-hidden': 'true', tabindex: '-1'});
    area.value = text;
    container.append(area);
    area.select();
    let copied = false;
    try {
        copied = document.execCommand('copy');
    } catch (e) {
        copied = false;
    }
    area.remove();
    return copied;
}

/** Selects an element's text, so that the person can copy it with Ctrl+C themselves. */
export function selectText(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}

// ---- dialogs ---------------------------------------------------------------------------------

/**
 * A modal confirmation (<dialog>): resolves true for the confirming button, false for the other
 * one, Escape, or closing. The focus starts on the safe choice.
 */
export function confirmDialog({title, message, confirmLabel = 'OK', cancelLabel = 'Cancel', danger = false}) {
    return new Promise(resolve => {
        const cancel = h('button', {type: 'button', class: 'button', id: 'confirm-cancel'}, cancelLabel);
        const ok = h('button', {type: 'button', class: danger ? 'button danger' : 'button primary', id: 'confirm-ok'},
            confirmLabel);
        const dialog = h('dialog', {class: 'dialog confirm', id: 'confirm-dialog',
                'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-message'},
            h('h2', {id: 'confirm-title'}, title),
            h('p', {id: 'confirm-message'}, message),
            h('div', {class: 'actions'}, cancel, ok));
        let answered = false;
        const finish = value => {
            if (answered) {
                return;
            }
            answered = true;
            if (dialog.open) {
                dialog.close();
            }
            dialog.remove();
            resolve(value);
        };
        cancel.addEventListener('click', () => finish(false));
        ok.addEventListener('click', () => finish(true));
        dialog.addEventListener('cancel', event => {
            event.preventDefault();
            finish(false);
        });
        dialog.addEventListener('close', () => finish(false));
        document.body.append(dialog);
        dialog.showModal();
        cancel.focus();
    });
}
