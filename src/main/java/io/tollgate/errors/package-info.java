/**
 * What went wrong, in domain terms. Decisions:
 * <ul>
 * <li>No HTTP status here: only {@code problems} maps these, so entities and control stay free of HTTP.</li>
 * <li>Unchecked (CDI {@code @Transactional} rolls back on them) and without stack trace: outcomes, not bugs.</li>
 * <li>Their message goes to the client, so it never carries a secret.</li>
 * </ul>
 */
package io.tollgate.errors;
