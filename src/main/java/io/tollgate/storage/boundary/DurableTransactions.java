package io.tollgate.storage.boundary;

import io.tollgate.storage.control.ConfiguredDataSource;
import io.tollgate.storage.control.DurableCommits;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On an H2 file, every JTA transaction that commits is forced to disk before the call that began it
 * returns, so before its request is answered ({@link DurableCommits}). Runs inside the server's own
 * {@code @Transactional} interceptor (a higher priority number) and registers, once per transaction,
 * an interposed synchronization whose {@code afterCompletion} syncs after a commit: the standard JTA
 * way on every server, with no connection of the pool wrapped. Every committed transaction is synced,
 * also one that wrote nothing: finding out costs as much as the sync of an unchanged file. On PostgreSQL it does nothing (its
 * commits are on disk when they return).
 */
@Transactional
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 250)
public class DurableTransactions {

    private static final Logger LOG = Logger.getLogger(DurableTransactions.class.getName());
    private static final Object KEY = DurableTransactions.class;
    private static volatile DurableCommits commits;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    @ConfigProperty(name = "tollgate.db.url")
    String url;

    @AroundInvoke
    Object registerSync(InvocationContext call) throws Exception {
        register(transactions, url, DurableTransactions::commits);
        return call.proceed();
    }

    /** Where the syncs run (a function, so that a test can give its own database). */
    @FunctionalInterface
    interface Syncs {
        DurableCommits get() throws SQLException;
    }

    /** On an H2 file, in a transaction: a sync after its commit, registered once per transaction. */
    static void register(TransactionSynchronizationRegistry transactions, String url, Syncs syncs) {
        if (DurableCommits.isH2File(url) && transactions.getTransactionKey() != null && transactions.getResource(KEY) == null) {
            transactions.putResource(KEY, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new SyncAfterCommit(syncs));
        }
    }

    private static DurableCommits commits() throws SQLException {
        DurableCommits current = commits;
        if (current == null) {
            synchronized (KEY) {
                if (commits == null) {
                    commits = new DurableCommits(ConfiguredDataSource.unpooled());
                }
                current = commits;
            }
        }
        return current;
    }

    /** After a commit: the commit forced to disk. */
    private static final class SyncAfterCommit implements Synchronization {

        private final Syncs syncs;

        SyncAfterCommit(Syncs syncs) {
            this.syncs = syncs;
        }

        @Override
        public void beforeCompletion() {
            // nothing before: the commit itself must be on disk
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
                return;
            }
            try {
                syncs.get().forceWrites();
            } catch (SQLException | RuntimeException e) {
                // the transaction is committed and cannot fail now: say that its data may wait for the next sync
                LOG.log(Level.WARNING, "Could not force a commit to the H2 file: {0}", e.toString());
            }
        }
    }
}
