// A row's actions menu (the WAI-ARIA menu button pattern): a real <button> that opens a list of
// actions under it. Enter, Space or ArrowDown open it on the first action, ArrowUp on the last;
// ArrowUp/ArrowDown/Home/End move between actions; Escape closes it and gives the focus back to the
// button; Tab, a click elsewhere or resizing close it (scrolling moves it with its button). The list stays inside the row in
// the DOM (so a row's actions are found in its row) but is placed with position: fixed, so that no
// scrolling frame around the table clips it.

import {h} from './dom.js';

let open = null; // the one open menu: {close, place}

function closeOpen() {
    if (open) {
        open.close();
    }
}

document.addEventListener('pointerdown', event => {
    if (open && !event.target.closest('.menu-wrap.open')) {
        closeOpen();
    }
});
window.addEventListener('resize', closeOpen);
window.addEventListener('scroll', () => open?.place(), true);

/**
 * actionMenu({id, label, name, items: [{cls, text, onclick, danger}]}): `label` is the button's
 * visible text, `name` what it acts on (for screen readers: "Actions for ci-deploy").
 */
export function actionMenu({id, label = 'Actions', name, items}) {
    const button = h('button', {type: 'button', class: 'button small menu-button', id: `${id}-button`,
        'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id,
        'aria-label': `${label} for ${name}`}, label, h('span', {class: 'caret', 'aria-hidden': 'true'}, ' ▾'));
    const entries = items.filter(Boolean).map(item => h('button', {type: 'button', role: 'menuitem', tabindex: '-1',
        class: `menu-item ${item.cls}${item.danger ? ' danger' : ''}`,
        onclick: () => {
            close(false);
            item.onclick();
        }}, item.text));
    const list = h('div', {class: 'menu', role: 'menu', id, 'aria-labelledby': `${id}-button`, hidden: true}, entries);
    const wrap = h('div', {class: 'menu-wrap'}, button, list);

    function place() {
        const at = button.getBoundingClientRect();
        list.style.top = `${Math.round(at.bottom + 4)}px`;
        list.style.left = '';
        const width = list.offsetWidth;
        const height = list.offsetHeight;
        // open to the left of the button's right edge, and upwards when there is no room below
        list.style.left = `${Math.round(Math.max(8, at.right - width))}px`;
        if (at.bottom + 4 + height > window.innerHeight && at.top - 4 - height >= 0) {
            list.style.top = `${Math.round(at.top - 4 - height)}px`;
        }
    }

    function show(focusIndex) {
        closeOpen();
        list.hidden = false;
        wrap.classList.add('open');
        button.setAttribute('aria-expanded', 'true');
        place();
        open = {close: () => close(false), place};
        entries[(focusIndex + entries.length) % entries.length]?.focus();
    }

    function close(focusButton) {
        if (list.hidden) {
            return;
        }
        list.hidden = true;
        wrap.classList.remove('open');
        button.setAttribute('aria-expanded', 'false');
        if (open) {
            open = null;
        }
        if (focusButton) {
            button.focus();
        }
    }

    button.addEventListener('click', () => (list.hidden ? show(0) : close(true)));
    button.addEventListener('keydown', event => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show(event.key === 'ArrowDown' ? 0 : -1);
        } else if (event.key === 'Escape') {
            close(true);
        }
    });
    list.addEventListener('keydown', event => {
        const at = entries.indexOf(document.activeElement);
        const move = {ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: entries.length - 1}[event.key];
        if (move !== undefined) {
            event.preventDefault();
            entries[(move + entries.length) % entries.length].focus();
        } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation(); // inside a dialog, Escape closes the menu only
            close(true);
        } else if (event.key === 'Tab') {
            close(false);
        }
    });
    return wrap;
}
