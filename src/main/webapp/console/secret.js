// The one moment a secret is visible: a token's after a create and after a rotation, a broker's
// hook key after it is made. The same step for all, so that the rules cannot drift apart: the
// secret is shown once, copying is offered (with a manual fallback when the browser refuses), and
// closing without copying asks first.

import {clear, confirmDialog, copyText, h, selectText} from './dom.js';

/**
 * Turns `dialog` into the secret step for `created` (a token answer carrying `token`).
 * `facts` are the definition-list children shown under the secret; `focusAfter` is the id of the
 * element that gets the focus when the dialog is gone.
 */
export function showSecretStep(dialog, created, {title, facts, focusAfter}) {
    showOnceStep(dialog, {secret: created.token, title, focusAfter, after: [h('dl', {class: 'facts'}, facts)]});
}

/** The words and element ids of a token's secret step; a broker's hook key brings its own. */
const TOKEN_STEP = {
    noun: 'token', label: 'Token secret', titleId: 'token-dialog-title', secretId: 'new-token-secret',
    copyId: 'copy-secret', doneId: 'token-done',
    keep: 'Tollgate keeps only its hash. Put it in your secret store, never in code or logs.',
    lost: 'without it you would have to rotate or revoke it.',
};

/**
 * The shown-once step itself: `secret` with its copy button, then the `after` elements. A copy
 * of the secret from anywhere in the dialog (a configuration block that contains it, say) counts
 * as copied: `markCopied` is handed to `after` builders through the returned object.
 */
export function showOnceStep(dialog, {secret: shown, title, focusAfter, after = [], words = {}}) {
    const w = {...TOKEN_STEP, ...words};
    let secret = shown;
    let copied = false;
    const code = h('code', {id: w.secretId, class: 'secret', tabindex: '0', 'aria-labelledby': 'secret-label'}, secret);
    const status = h('p', {class: 'copy-status', id: 'copy-status', role: 'status'});
    const copyButton = h('button', {type: 'button', class: 'button primary', id: w.copyId}, `Copy ${w.noun}`);
    const markCopied = text => {
        copied = true;
        copyButton.textContent = 'Copied';
        status.textContent = text;
    };
    copyButton.addEventListener('click', async () => {
        if (await copyText(secret, dialog)) {
            markCopied('Copied to the clipboard.');
        } else {
            selectText(code);
            code.focus();
            status.textContent = `The browser did not allow copying: the ${w.noun} is selected, press Ctrl+C (⌘C on a Mac).`;
        }
    });
    dialog.addEventListener('copy', () => {
        const selection = window.getSelection();
        if (secret && selection && selection.toString().includes(secret)) {
            markCopied('Copied.');
        }
    });

    async function requestClose() {
        if (secret && !copied) {
            const sure = await confirmDialog({title: 'Close without copying?',
                message: `You have not copied the ${w.noun}. It will never be shown again: ${w.lost}`,
                confirmLabel: 'Close without copying', cancelLabel: 'Keep it open', danger: true});
            if (!sure) {
                return;
            }
        }
        dialog.close();
    }

    dialog.addEventListener('cancel', event => {
        if (secret && !copied) {
            event.preventDefault();
            requestClose();
        }
    });
    dialog.addEventListener('close', () => {
        secret = null;
        dialog.remove();
        document.getElementById(focusAfter)?.focus();
    });
    clear(dialog).append(h('div', {class: 'secret-step'},
        h('h2', {id: w.titleId}, title),
        h('div', {class: 'warning', id: 'secret-warning'},
            h('strong', {}, `Copy this ${w.noun} now. It will never be shown again.`), ' ', w.keep),
        h('p', {class: 'secret-label', id: 'secret-label'}, w.label),
        h('div', {class: 'secret-box'}, code, copyButton),
        status,
        after,
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'button', id: w.doneId, onclick: () => requestClose()}, 'Done'))));
    copyButton.focus();
    return {markCopied};
}
