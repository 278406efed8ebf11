package io.tollgate.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    private static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    private static Cidr block(String text) {
        return Cidr.parse(text);
    }

    @Test
    void ipv4LiteralsParseAndPrintCanonically() {
        assertEquals("192.0.2.7", ip("192.0.2.7").toString());
        assertEquals("0.0.0.0", ip("0.0.0.0").toString());
        assertEquals("255.255.255.255", ip("255.255.255.255").toString());
        assertTrue(ip("10.1.2.3").isV4());
    }

    @Test
    void ipv4GarbageIsRefused() {
        for (String bad : List.of("", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4", "010.0.0.1", "1.2.3.04",
                "1.2.3.4 ", " 1.2.3.4", "1..3.4", "1.2.3.", ".1.2.3", "1.2.3.4x", "0x7f.0.0.1", "2130706433",
                "localhost", "example.com", "1.2.3.4/", "١.٢.٣.٤", "1.2.3.4\u0000", "1234.1.1.1")) {
            assertNull(IpAddress.tryParse(bad), bad);
        }
        assertNull(IpAddress.tryParse(null));
    }

    @Test
    void ipv6LiteralsParseInEveryTextFormAndPrintPerRfc5952() {
        assertEquals("2001:db8::1", ip("2001:0DB8:0000:0000:0000:0000:0000:0001").toString());
        assertEquals("2001:db8::1", ip("2001:db8::1").toString());
        assertEquals("::", ip("::").toString());
        assertEquals("::1", ip("::1").toString());
        assertEquals("::1", ip("0:0:0:0:0:0:0:1").toString());
        assertEquals("1::", ip("1::").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", ip("2001:db8:0:1:1:1:1:1").toString(), "one zero group stays");
        assertEquals("2001:0:0:1::1", ip("2001:0:0:1:0:0:0:1").toString(), "the longest run is compressed");
        assertEquals("2001:db8::1:0:0:1", ip("2001:db8:0:0:1:0:0:1").toString(), "the first of equal runs");
        assertEquals("::102:304", ip("::1.2.3.4").toString(), "IPv4-compatible is plain IPv6");
        assertEquals("64:ff9b::c000:207", ip("64:ff9b::192.0.2.7").toString());
        assertFalse(ip("::1").isV4());
    }

    @Test
    void ipv6GarbageZoneIdsAndBracketsAreRefused() {
        for (String bad : List.of(":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1",
                ":1::", "1::2:", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "fe80::1%eth0", "fe80::1%1", "[::1]",
                "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:01.2.3.4",
                ":: 1", "::\u0661", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            assertNull(IpAddress.tryParse(bad), bad);
        }
        assertEquals("1:2:3:4:5:6:7:8", ip("1:2:3:4:5:6:7:8").toString());
        assertEquals("1:2:3:4:5:6:102:304", ip("1:2:3:4:5:6:1.2.3.4").toString());
        assertEquals("0:2:3:4:5:6:7:8", ip("::2:3:4:5:6:7:8").toString(), "a single zero group is not compressed");
        assertEquals("1:2:3:4:5:6:7:0", ip("1:2:3:4:5:6:7::").toString());
    }

    @Test
    void ipv4MappedAddressesAreTheIpv4Address() {
        assertEquals(ip("192.0.2.7"), ip("::ffff:192.0.2.7"));
        assertEquals(ip("192.0.2.7"), ip("::FFFF:c000:0207"));
        assertEquals("192.0.2.7", ip("::ffff:192.0.2.7").toString());
        assertTrue(ip("::ffff:192.0.2.7").isV4());
        assertTrue(block("192.0.2.0/24").contains(ip("::ffff:192.0.2.7")));
        assertEquals("10.0.0.0/8", block("::ffff:10.0.0.0/104").toString());
        assertEquals("0.0.0.0/0", block("::ffff:0:0/96").toString());
        assertEquals(block("10.0.0.0/8"), block("::ffff:10.0.0.0/104"));
    }

    @Test
    void familiesNeverMix() {
        assertFalse(block("::/0").contains(ip("192.0.2.7")), "an IPv6 block contains no IPv4 client");
        assertFalse(block("::/0").contains(ip("::ffff:192.0.2.7")));
        assertFalse(block("0.0.0.0/0").contains(ip("::1")));
        assertFalse(block("0.0.0.0/0").contains(ip("::c000:207")), "IPv4-compatible is IPv6");
        assertTrue(block("::/0").contains(ip("2001:db8::1")));
        assertTrue(block("0.0.0.0/0").contains(ip("203.0.113.9")));
        assertFalse(block("::/0").contains(block("10.0.0.0/8")));
    }

    @Test
    void bareAddressesAreSingleAddressBlocks() {
        assertEquals("192.0.2.7/32", block("192.0.2.7").toString());
        assertEquals("2001:db8::1/128", block("2001:0db8::0001").toString());
        assertEquals(32, block("192.0.2.7").prefixLength());
        assertTrue(block("192.0.2.7").contains(ip("192.0.2.7")));
        assertFalse(block("192.0.2.7").contains(ip("192.0.2.8")));
    }

    @Test
    void blocksWithHostBitsSetAreRefused() {
        for (String bad : List.of("10.0.0.1/8", "192.0.2.7/24", "2001:db8::1/32", "::1/127", "11.0.0.0/7",
                "::ffff:10.0.0.0/95", "::ffff:0:0/80", "128.0.0.0/0", "8000::/0")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> block(bad), bad);
            assertEquals("has host bits set", refused.getMessage(), bad);
        }
    }

    @Test
    void malformedBlocksAreRefused() {
        for (String bad : List.of("", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/-1",
                "10.0.0.0/8/8", "10.0.0.0 /8", "10.0.0.0/ 8", "2001:db8::/129", "2001:db8::/0032", "10.0.0.0/8 ",
                "fe80::%eth0/64", "[2001:db8::]/32", "10.0.0.0/a", "10.0.0.0/1000", "*", "any", "0/0", "10/8",
                "10.0.0.0/８", "x".repeat(10_000))) {
            assertThrows(IllegalArgumentException.class, () -> block(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> block(null));
    }

    @Test
    void prefixLengthsAtTheEdgesWork() {
        assertTrue(block("0.0.0.0/0").contains(ip("255.255.255.255")));
        assertTrue(block("10.0.0.0/31").contains(ip("10.0.0.1")));
        assertFalse(block("10.0.0.0/31").contains(ip("10.0.0.2")));
        assertTrue(block("2001:db8::/64").contains(ip("2001:db8::ffff:ffff:ffff:ffff")));
        assertFalse(block("2001:db8::/64").contains(ip("2001:db8:0:1::")));
        assertTrue(block("2001:db8::/65").contains(ip("2001:db8::7fff:ffff:ffff:ffff")));
        assertFalse(block("2001:db8::/65").contains(ip("2001:db8::8000:0:0:0")));
        assertTrue(block("2001:db8::/63").contains(ip("2001:db8:0:1::1")));
        assertFalse(block("2001:db8::/63").contains(ip("2001:db8:0:2::")));
        assertTrue(block("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
        assertFalse(block("2001:db8::/32").contains(ip("2001:db9::")));
        assertTrue(block("10.1.0.0/16").contains(ip("10.1.255.255")));
        assertFalse(block("10.1.0.0/16").contains(ip("10.2.0.0")));
    }

    @Test
    void blockContainsOnlyNarrowerOrEqualBlocksInside() {
        assertTrue(block("10.0.0.0/8").contains(block("10.1.0.0/16")));
        assertTrue(block("10.0.0.0/8").contains(block("10.0.0.0/8")));
        assertTrue(block("10.0.0.0/8").contains(block("10.9.9.9")));
        assertFalse(block("10.1.0.0/16").contains(block("10.0.0.0/8")));
        assertFalse(block("10.0.0.0/8").contains(block("11.0.0.0/16")));
        assertTrue(block("2001:db8::/32").contains(block("2001:db8:1::/48")));
        assertFalse(block("2001:db8:1::/48").contains(block("2001:db8::/32")));
    }

    @Test
    void listsNormaliseDropDuplicatesAndNameTheBadEntry() {
        CidrList list = CidrList.parse(List.of("192.0.2.7", "192.0.2.7/32", "::ffff:192.0.2.7", "2001:DB8::/32"));
        assertEquals(List.of("192.0.2.7/32", "2001:db8::/32"), list.texts());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> CidrList.parse(List.of("10.0.0.0/8", "10.0.0.1/8")));
        assertEquals("'10.0.0.1/8' has host bits set", refused.getMessage());
        assertEquals(CidrList.EMPTY, CidrList.parse(List.of()));
        assertEquals(List.of("10.0.0.0/8", "127.0.0.2/32"), CidrList.parseCommaSeparated(" 10.0.0.0/8 , 127.0.0.2,").texts());
    }

    @Test
    void anEmptyAllowListPermitsEveryAddressButContainsNone() {
        assertTrue(CidrList.EMPTY.permits(ip("203.0.113.9")));
        assertFalse(CidrList.EMPTY.contains(ip("203.0.113.9")));
        CidrList list = CidrList.parse(List.of("10.0.0.0/8", "2001:db8::/32"));
        assertTrue(list.permits(ip("10.2.3.4")));
        assertTrue(list.permits(ip("2001:db8::5")));
        assertFalse(list.permits(ip("11.0.0.1")));
        assertFalse(list.permits(null), "an unknown client is refused by a non-empty list");
        assertTrue(list.covers(block("10.9.0.0/16")));
        assertFalse(list.covers(block("0.0.0.0/0")));
    }
}
