// "Connect this broker" (spec §9): make (or replace) the broker's hook key, then show the key once
// with ready-to-paste configuration for EMQX 5, Mosquitto with mosquitto-go-auth and RabbitMQ's
// HTTP auth backend. The key travels in the hook URLs' path, so every block below holds it: it is
// built from the answer's hook_urls, lives only in this dialog and is gone when it closes.

import {api, path} from './api.js';
import {announce, confirmDialog, copyText, describe, h} from './dom.js';
import {showOnceStep} from './secret.js';

/** The names of hook_urls in the hook-key answer, per broker contract. */
const URLS = {
    emqxAuthn: 'emqx_authn',
    emqxAuthz: 'emqx_authz',
    goAuthUser: 'go_auth_user',
    goAuthAcl: 'go_auth_acl',
    rabbitUser: 'rabbitmq_user',
    rabbitVhost: 'rabbitmq_vhost',
    rabbitResource: 'rabbitmq_resource',
    rabbitTopic: 'rabbitmq_topic',
};

function urlsOf(answer) {
    const given = answer.hook_urls || {};
    const urls = {};
    for (const [key, name] of Object.entries(URLS)) {
        if (typeof given[name] !== 'string') {
            throw new Error(`The server's answer has no hook URL "${name}".`);
        }
        urls[key] = given[name];
    }
    return urls;
}

// ---- the three configurations (plain text; placeholders are the brokers' own, not ours) --------

const quoted = text => JSON.stringify(text);

/** A HOCON map of string fields, indented, one per line. */
const hoconMap = (indent, fields) => fields.map(name => `${indent}    ${name} = "\${${name}}"`).join('\n');

/** The same fields as the JSON body EMQX's Dashboard takes: {"username":"${username}",…}. */
const jsonBody = fields => JSON.stringify(Object.fromEntries(fields.map(name => [name, `\${${name}}`])));

export function emqxConfig(urls) {
    const tls = url => (url.startsWith('https:') ? '\n        ssl { enable = true }' : '');
    return `# emqx.conf (EMQX 5): every connect and every publish/subscribe is checked by Tollgate.
# In the Dashboard instead: Access Control → Authentication → Password-Based, HTTP Server, and
# Authorization → HTTP Server, each POST to its URL below, with the JSON body
#   authentication: ${jsonBody(['username', 'password', 'clientid', 'peerhost'])}
#   authorization:  ${jsonBody(['username', 'clientid', 'peerhost', 'action', 'topic', 'qos', 'retain'])}
authentication = [
    {
        mechanism = password_based
        backend = http
        enable = true
        method = post
        url = ${quoted(urls.emqxAuthn)}
        headers { "content-type" = "application/json" }
        body {
${hoconMap('        ', ['username', 'password', 'clientid', 'peerhost'])}
        }${tls(urls.emqxAuthn)}
    }
]
authorization {
    no_match = deny
    sources = [
        {
            type = http
            enable = true
            method = post
            url = ${quoted(urls.emqxAuthz)}
            headers { "content-type" = "application/json" }
            body {
${hoconMap('            ', ['username', 'clientid', 'peerhost', 'action', 'topic', 'qos', 'retain'])}
            }${tls(urls.emqxAuthz).replace('\n', '\n    ')}
        }
    ]
}
`;
}

/** go-auth takes host, port and path apart: they come from the user URL (the ACL URL shares them). */
export function mosquittoConfig(urls) {
    const user = new URL(urls.goAuthUser);
    const acl = new URL(urls.goAuthAcl);
    const tls = user.protocol === 'https:';
    const port = user.port || (tls ? '443' : '80');
    return `# mosquitto.conf (or a file in its include_dir), with the mosquitto-go-auth plugin:
# Tollgate checks every connect (user) and every publish, subscribe and delivery (acl).
# the path of your go-auth.so
auth_plugin /etc/mosquitto/go-auth.so
auth_opt_backends http
auth_opt_http_host ${user.hostname}
auth_opt_http_port ${port}
auth_opt_http_with_tls ${tls}
auth_opt_http_getuser_uri ${user.pathname}${user.search}
auth_opt_http_aclcheck_uri ${acl.pathname}${acl.search}
auth_opt_http_method POST
auth_opt_http_params_mode json
auth_opt_http_response_mode json
auth_opt_http_timeout 5
# Tollgate grants no superuser: no superuser check is asked
auth_opt_disable_superuser true
allow_anonymous false
`;
}

export function rabbitmqConfig(urls) {
    return `# rabbitmq.conf (RabbitMQ 3.x with its MQTT plugin). Enable the plugins first:
#   rabbitmq-plugins enable rabbitmq_mqtt rabbitmq_auth_backend_http
# MQTT clients connect with the token's id as username and its secret as password.
auth_backends.1 = http
auth_http.http_method = post
auth_http.user_path = ${urls.rabbitUser}
auth_http.vhost_path = ${urls.rabbitVhost}
auth_http.resource_path = ${urls.rabbitResource}
auth_http.topic_path = ${urls.rabbitTopic}
# the timeouts default to infinity: a stalled check would hold the client forever
auth_http.connection_timeout = 5000
auth_http.request_timeout = 5000
mqtt.allow_anonymous = false
`;
}

const BLOCKS = [
    {id: 'emqx', title: 'EMQX 5', text: emqxConfig,
        hint: 'A connect is answered with the token’s publish rules (acl, EMQX 5.8+) and the end of its secret '
            + '(expire_at); subscriptions are asked at the authorization URL. EMQX caches authorization answers '
            + '(authorization.cache, one minute by default): a revocation reaches a connected client that much later.'},
    {id: 'mosquitto', title: 'Mosquitto with mosquitto-go-auth', text: mosquittoConfig,
        hint: 'go-auth reports no client address: a token limited to some addresses is always refused through it. '
            + 'Leave go-auth’s cache off (auth_opt_cache), or short: a revoked token keeps its cached answers.'},
    {id: 'rabbitmq', title: 'RabbitMQ (MQTT plugin)', text: rabbitmqConfig,
        hint: 'With rabbitmq_auth_backend_cache, a revoked token keeps working until its cached answer expires '
            + '(cache_ttl); an open connection keeps its access until RabbitMQ closes it.'},
];

// ---- the flow --------------------------------------------------------------------------------

/**
 * Makes a hook key for `broker` (asking first when it replaces one: the connected broker is cut
 * off at once), then shows it with the configurations. `refresh` redraws the broker list.
 */
export async function connectBroker({project, broker, refresh, onError}) {
    if (broker.hook_key_created_date !== null && broker.hook_key_created_date !== undefined) {
        const sure = await confirmDialog({title: 'Replace the hook key?',
            message: `“${broker.name}” already has a hook key (made ${new Date(broker.hook_key_created_date).toLocaleString()}). `
                + 'A new one replaces it at once: the broker configured with the current key gets no answer from '
                + 'Tollgate, and refuses every client, until its configuration has the new key.',
            confirmLabel: 'Replace hook key', danger: true});
        if (!sure) {
            return;
        }
    }
    let answer;
    let urls;
    try {
        answer = await api.post(path('projects', project.id, 'brokers', broker.id, 'hook-key'));
        urls = urlsOf(answer);
    } catch (error) {
        onError(describe(error));
        if (answer) {
            refresh().catch(() => {});
        }
        return;
    }
    announce(`Hook key of ${broker.name} made.`);
    showKey(broker, answer.hook_key, urls);
    refresh().catch(() => {});
}

function showKey(broker, key, urls) {
    const dialog = h('dialog', {class: 'dialog wider', id: 'hook-dialog', 'aria-labelledby': 'hook-dialog-title'});
    let step = null;
    const blocks = BLOCKS.map(block => {
        const text = block.text(urls);
        const code = h('code', {}, text);
        const copy = h('button', {type: 'button', class: 'button small copy-config', id: `copy-config-${block.id}`,
            'aria-label': `Copy the ${block.title} configuration`}, 'Copy');
        copy.addEventListener('click', async () => {
            const copied = await copyText(text, dialog);
            copy.textContent = copied ? 'Copied' : 'Copy failed: select the text';
            if (copied) {
                step.markCopied(`The ${block.title} configuration, with the key, is copied.`);
            }
        });
        return h('section', {class: 'config-block', id: `config-${block.id}`, 'aria-labelledby': `config-${block.id}-title`},
            h('div', {class: 'config-head'}, h('h3', {id: `config-${block.id}-title`}, block.title), copy),
            h('p', {class: 'hint'}, block.hint),
            h('pre', {class: 'config', tabindex: '0', 'aria-label': `${block.title} configuration`}, code));
    });
    document.body.append(dialog);
    dialog.showModal();
    step = showOnceStep(dialog, {
        secret: key,
        title: `Connect “${broker.name}”`,
        focusAfter: `connect-broker-${broker.id}`,
        words: {noun: 'hook key', label: 'Hook key', titleId: 'hook-dialog-title', secretId: 'hook-key-secret',
            copyId: 'copy-hook-key', doneId: 'hook-done',
            keep: 'Tollgate keeps only its hash. It is in every URL below: paste one configuration into the broker.',
            lost: 'without it you would have to make a new one, which cuts off a broker configured with this one.'},
        after: [
            h('p', {class: 'hint'}, 'Clients connect to the broker with a project token: its id as MQTT username, '
                + 'its secret as password. Tollgate then applies the token’s status, brokers, addresses and MQTT rules.'),
            ...blocks,
        ],
    });
}
