/**
 * Project tokens. The secret ({@code tg_} + 30 base62 + 6-char CRC32 checksum) exists only in the
 * create response; the database holds its SHA-256 hex, unique-indexed, which is also the lookup key.
 * The request path ({@code ActiveTokens}) reads through a bounded cache invalidated after commit of
 * any delete (token, broker, project): Caffeine, so that a full cache evicts single entries (by its
 * frequency-and-recency policy) rather than emptying, with an index from token id to hashes so that
 * revoking one token touches only its own entries. It marks {@code last_used_date} (and
 * {@code last_used_ip}) for writing at most once per token per granularity, only for successful (2xx)
 * requests; the usage writer writes it, never moving it backwards, and the token list shows a use
 * this node has not written yet (so the first use of a window is visible at once on that node, within
 * a flush interval on the others).
 * A token's JSON is built in one place, {@code TokenJson} (create and list), not on the entity as the
 * other features do: it holds the one-time secret and a status at the request's clock, neither of
 * which the stored entity may know.
 *
 * <p>{@code ActiveTokens} is the project tokens' {@code access.control.CredentialResolver}: it looks
 * up only well-formed {@code tg_} values (the checksum gate before any query) and answers a minimal
 * {@code Caller} carrying the token's id, by which {@code usage.boundary.UsageRecorder} finds the cached record
 * again (no query). Cache invalidation follows {@code TokensChanged} (this feature's token changes)
 * and the publishers' own {@code ProjectDeleted} and {@code BrokerDeleted}: locally after the commit,
 * before the request answers, and, on PostgreSQL (the database a cluster's nodes share), on every
 * node through that database, alike on every server ({@code ClusterInvalidation}): the change's
 * transaction runs {@code pg_notify} (so a rolled-back change notifies nobody and a committed one
 * cannot be lost between commit and sending), and each node's {@code control.InvalidationListener}
 * listens on a connection of its own, outside the pool, on a thread of the container's
 * {@code ManagedThreadFactory}. A node that cannot be sure it heard everything (its connection not
 * yet open, dropped, or silent past a lease renewed by a ping through the same queue) does not serve
 * cached lookups, and starts with an empty cache when it listens again ({@code control.TokenCache}).
 * This replaced each server's own clustering (Payara's Hazelcast, WildFly's Infinispan on JGroups):
 * two mechanisms, two configurations and a cluster membership, for a job the shared database does
 * with one connection per node. Tokens depends on access, projects and brokers; none of them depends
 * on tokens.
 *
 * <p><b>IP allow-lists</b> (spec section 6). {@code allowed_ips} is one column of canonical CIDR blocks
 * separated by spaces (at most 32, so at most 1.4 KB): no join on the lookup path, and {@code ''} for
 * every token that existed before ({@code V4__token_allowed_ips}). {@code ActiveToken} parses it once,
 * when the token enters the cache, into an {@code io.tollgate.net.CidrList} carried by the
 * {@code Caller}; the authentication filter (access) matches the client address against it, so an
 * empty list costs one {@code isEmpty()} per request. Addresses are stored as {@code /32} or
 * {@code /128}, blocks in canonical form, duplicates dropped, the client's order kept. Edits
 * ({@code PATCH}: name and/or list) lock the row, fire {@code TokensChanged} like a delete, and so
 * drop the cached entry on every node: a narrowed list applies to the next request. No escalation
 * ({@code control.IpAllowLists}): an IP-restricted creator's list is inherited when a new token names
 * none ({@code []} included) and bounds every block named, on create and on PATCH, where such a caller
 * also cannot set {@code []}. An empty PATCH body ({@code {}}, or only nulls) is a 400 naming
 * {@code name}: it is more likely a client mistake than a wish to change nothing.
 *
 * <p><b>Lifecycle (spec section 6).</b> Rotation, suspension, resumption and leak reports change the
 * token row and fire {@code TokensChanged} like a delete, so every node drops the token's cached
 * lookups at once by the same path. A secret that stops being a token's current one goes to
 * {@code RetiredSecret} (table {@code retired_token_secrets}): {@code rotated} with the end of its
 * grace, or {@code revoked} when the token is deleted (also with its project: {@code ProjectDeleted}
 * is fired before the rows go). A lookup that misses the current hashes reads it once: a rotated
 * secret is cached like a current one but carries the end of its grace, so that every node refuses it
 * at that instant with neither an event nor a query; a revoked one answers the 401 reason
 * {@code revoked}. Its rows are forgotten {@code tollgate.tokens.revoked-retention} (90 days) after
 * they ended, by one indexed delete run with each token delete. A second rotation sets the end of any
 * earlier previous secret to now: at most two secrets work. The refusal precedence (rotated, then
 * suspended, then expired; revoked before all, as it never reaches a cached entry) lives in
 * {@code ActiveToken#refusal}.
 * <p>The leak report ({@code LeaksResource}) is open to anyone and answers the same whatever matched.
 * It is cheap to call: the body is bounded (64 KiB, 100 values), values failing the checksum are
 * dropped without hashing, the rest are hashed once and matched (current and retired rotated hashes)
 * in one query, and at most two reports per node use the database at a time (429 after a second's wait).
 * Self-rotation is authorised by the scope {@code OWN_TOKEN} of the access kernel (the token in the
 * path is the caller); its bounds (never a later {@code valid_date}) are checked in {@code TokenLifecycle}.
 * Rotating another token hands its new secret to the caller, so {@code control.CallerLimits} lets a
 * caller rotate only a token that can do no more than itself (403 {@code escalation}). A previous secret
 * in its grace is cached like a current one but carries its end: its {@code Caller} says so, and the
 * access kernel refuses it every method marked {@code @Allow(writesCredentials = true)} (every token
 * write here; 403 {@code previous_secret}).
 * <p><b>Bounded lists.</b> A create counts the project's tokens under the project's row lock, which it
 * takes first anyway (for a racing project delete): creates in one project run one at a time and each
 * sees every earlier commit, so {@code tollgate.tokens.max-per-project} holds under concurrent creates on
 * H2 and PostgreSQL alike (409 {@code TOKEN_LIMIT_REACHED}). The list without {@code limit} is a
 * {@code json.StreamedJsonArray}: the first page is read in the resource method (a 404 or an outage there
 * still gets the error body), the rest after the headers went out, {@code tollgate.tokens.list-page-size}
 * at a time, each page keyed by the last token of the one before ({@code issue_date}, then {@code id}),
 * so that a token created or deleted meanwhile neither repeats nor hides another. Offset paging would
 * have done both, and cost a scan of every skipped row per page. A page that fails to read once the
 * answer has begun can only cut it short (the client sees a broken JSON array, never a 200 that looks
 * whole).
 * <p>The usage log, which records each use of a token, is its own feature ({@code io.tollgate.usage}).
 */
package io.tollgate.tokens;
