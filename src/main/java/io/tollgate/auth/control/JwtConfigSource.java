package io.tollgate.auth.control;

import io.tollgate.config.EarlyConfig;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tells {@link JwtVerifier} (through the standard MicroProfile JWT keys) to trust Tollgate's own
 * signing key and issuer unless the operator configured the standard {@code mp.jwt.verify.*} keys (an external identity provider, or a
 * cluster's shared key): then this source stays silent and theirs apply.
 */
public class JwtConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String LOCATION = "mp.jwt.verify.publickey.location";
    static final String ISSUER = "mp.jwt.verify.issuer";
    public static final String DEFAULT_ISSUER = "tollgate";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY, ISSUER);
    }

    @Override
    public String getValue(String propertyName) {
        if (PUBLIC_KEY.equals(propertyName)) {
            boolean operatorKey = EarlyConfig.value(PUBLIC_KEY) != null
                    || EarlyConfig.value(LOCATION) != null;
            return operatorKey ? null : JwtKeys.publicKeyBase64();
        }
        if (ISSUER.equals(propertyName)) {
            return DEFAULT_ISSUER;
        }
        return null;
    }

    /**
     * Whether JWTs are signed and verified with the key Tollgate generates into its data directory: the
     * operator configured neither a verification key nor a signing key.
     */
    public static boolean generatedKey() {
        return EarlyConfig.value(PUBLIC_KEY) == null && EarlyConfig.value(LOCATION) == null && !JwtKeys.configured();
    }

    /** Whether people log in elsewhere: the operator set a verification key but no signing key. */
    public static boolean externalIdentityProvider() {
        boolean operatorKey = EarlyConfig.value(PUBLIC_KEY) != null
                || EarlyConfig.value(LOCATION) != null;
        return operatorKey && !JwtKeys.configured();
    }

    @Override
    public int getOrdinal() {
        return 150;
    }

    @Override
    public String getName() {
        return "tollgate-jwt-defaults";
    }
}
