// The one moment a token's secret is visible: after a create and after a rotation. The same step
// for both, so that the rules cannot drift apart: the secret is shown once, copying is offered
// (with a manual fallback when the browser refuses), and closing without copying asks first.

import {clear, confirmDialog, copyText, h, selectText} from './dom.js';

/**
 * Turns `dialog` into the secret step for `created` (a token answer carrying `token`).
 * `facts` are the definition-list children shown under the secret; `focusAfter` is the id of the
 * element that gets the focus when the dialog is gone.
 */
export function showSecretStep(dialog, created, {title, facts, focusAfter}) {
    let secret = created.token;
    let copied = false;
    const code = h('code', {id: 'new-token-secret', class: 'secret', tabindex: '0', 'aria-labelledby': 'secret-label'}, secret);
    const status = h('p', {class: 'copy-status', id: 'copy-status', role: 'status'});
    const copyButton = h('button', {type: 'button', class: 'button primary', id: 'copy-secret'}, 'Copy token');
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
            status.textContent = 'The browser did not allow copying: the token is selected, press Ctrl+C (⌘C on a Mac).';
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
                message: 'You have not copied the token. It will never be shown again: without it you would have to '
                    + 'rotate or revoke it.',
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
        h('h2', {id: 'token-dialog-title'}, title),
        h('div', {class: 'warning', id: 'secret-warning'},
            h('strong', {}, 'Copy this token now. It will never be shown again.'), ' ',
            'Tollgate keeps only its hash. Put it in your secret store, never in code or logs.'),
        h('p', {class: 'secret-label', id: 'secret-label'}, 'Token secret'),
        h('div', {class: 'secret-box'}, code, copyButton),
        status,
        h('dl', {class: 'facts'}, facts),
        h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'button', id: 'token-done', onclick: () => requestClose()}, 'Done'))));
    copyButton.focus();
}
