package io.tollgate.requests.boundary;

import io.tollgate.errors.TooLarge;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over 64 KiB with 413, before routing and authentication: by the declared
 * length at once, and for chunked bodies as soon as the 65 537th byte is read.
 */
@Provider
@PreMatching
@Priority(10)
public class BodySizeLimit implements ContainerRequestFilter {

    public static final int LIMIT = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > LIMIT) {
            throw new TooLarge(LIMIT);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream()));
        }
    }

    /** Counts what is read and stops at the limit. */
    static final class Limited extends FilterInputStream {
        private long count;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > LIMIT) {
                throw new TooLarge(LIMIT);
            }
        }
    }
}
