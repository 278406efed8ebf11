package io.tollgate.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES =
            new TrustedProxies(CidrList.parse(List.of("127.0.0.2", "10.0.0.0/8", "2001:db8:ff::/48")));

    private static String client(TrustedProxies rule, String peer, String... lines) {
        IpAddress address = rule.clientOf(peer, Arrays.asList(lines));
        return address == null ? null : address.toString();
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() {
        assertEquals("127.0.0.2", client(TrustedProxies.NONE, "127.0.0.2", "203.0.113.9"));
        assertEquals("::1", client(TrustedProxies.NONE, "0:0:0:0:0:0:0:1", "203.0.113.9"));
    }

    @Test
    void anUntrustedPeersHeaderIsIgnored() {
        assertEquals("127.0.0.1", client(PROXIES, "127.0.0.1", "203.0.113.9"));
        assertEquals("198.51.100.1", client(PROXIES, "198.51.100.1", "10.0.0.1, 203.0.113.9"));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedEntryIsTheClient() {
        assertEquals("203.0.113.9", client(PROXIES, "127.0.0.2", "203.0.113.9"));
        assertEquals("203.0.113.9", client(PROXIES, "127.0.0.2", "198.51.100.66, 203.0.113.9"),
                "what the client wrote itself, left of it, is ignored");
        assertEquals("203.0.113.9", client(PROXIES, "127.0.0.2", "1.1.1.1,203.0.113.9 , 10.1.1.1,\t10.2.2.2"),
                "trusted hops are skipped");
        assertEquals("203.0.113.9", client(PROXIES, "127.0.0.2", "1.1.1.1, 203.0.113.9", "10.1.1.1"),
                "several header lines are one list");
        assertEquals("2001:db8::9", client(PROXIES, "127.0.0.2", "2001:DB8::9, 2001:db8:ff::1"));
        assertEquals("203.0.113.9", client(PROXIES, "::ffff:127.0.0.2", "::ffff:203.0.113.9"));
    }

    @Test
    void noHeaderOrOnlyTrustedHopsGiveTheLeftMostKnownHop() {
        assertEquals("127.0.0.2", client(PROXIES, "127.0.0.2"));
        assertEquals("127.0.0.2", client(PROXIES, "127.0.0.2", ""));
        assertEquals("10.0.0.7", client(PROXIES, "127.0.0.2", "10.0.0.7, 10.0.0.8"));
        assertEquals("127.0.0.2", PROXIES.clientOf("127.0.0.2", null).toString());
        assertEquals("127.0.0.2", PROXIES.clientOf("127.0.0.2", Collections.singletonList(null)).toString());
    }

    @Test
    void aMalformedEntryStopsTheWalkAtTheNearestTrustedHop() {
        for (String bad : List.of("unknown", "203.0.113.9:443", "[2001:db8::1]", "_hidden", "fe80::1%eth0",
                "999.1.1.1", "x".repeat(5000), "203.0.113.9 203.0.113.10", "\u0000", "2001:db8::1]:80")) {
            assertEquals("127.0.0.2", client(PROXIES, "127.0.0.2", bad), bad);
            assertEquals("127.0.0.2", client(PROXIES, "127.0.0.2", "203.0.113.9, " + bad), bad);
            assertEquals("10.0.0.7", client(PROXIES, "127.0.0.2", bad + ", 10.0.0.7"), bad);
        }
        assertEquals("203.0.113.9", client(PROXIES, "127.0.0.2", "203.0.113.9,, ,"), "empty elements are skipped");
    }

    @Test
    void theWalkIsBounded() {
        String many = String.join(", ", Collections.nCopies(100, "10.0.0.1"));
        assertEquals("10.0.0.1", client(PROXIES, "127.0.0.2", "203.0.113.9, " + many));
        String few = String.join(", ", Collections.nCopies(TrustedProxies.MAX_HOPS - 1, "10.0.0.1"));
        assertEquals("203.0.113.9", client(PROXIES, "127.0.0.2", "203.0.113.9, " + few));
    }

    @Test
    void thePeerLosesItsZoneAndBrackets() {
        assertEquals("fe80::1", client(TrustedProxies.NONE, "fe80:0:0:0:0:0:0:1%eth0"));
        assertEquals("::1", client(TrustedProxies.NONE, "[::1]"));
        assertNull(client(TrustedProxies.NONE, "not-an-address"));
        assertNull(TrustedProxies.NONE.clientOf(null, List.of()));
    }
}
