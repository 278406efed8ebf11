package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.errors.InvalidField;
import io.tollgate.net.CidrList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpAllowListsTest {

    private static CidrList list(String... blocks) {
        return CidrList.parse(List.of(blocks));
    }

    @Test
    void anUnrestrictedCreatorGrantsWhatIsAsked() {
        assertEquals(list("0.0.0.0/0"), IpAllowLists.forNewToken(list("0.0.0.0/0"), CidrList.EMPTY));
        assertEquals(CidrList.EMPTY, IpAllowLists.forNewToken(CidrList.EMPTY, CidrList.EMPTY));
        assertEquals(CidrList.EMPTY, IpAllowLists.forPatch(CidrList.EMPTY, CidrList.EMPTY));
    }

    @Test
    void aNewTokenNamingNoBlocksInheritsTheCreatorsList() {
        CidrList creator = list("10.0.0.0/8", "2001:db8::/32");
        assertEquals(creator, IpAllowLists.forNewToken(CidrList.EMPTY, creator));
    }

    @Test
    void blocksInsideTheCreatorsAreGrantedOthersRefused() {
        CidrList creator = list("10.0.0.0/8", "2001:db8::/32");
        CidrList inside = list("10.1.0.0/16", "10.2.3.4", "2001:db8:1::/48");
        assertEquals(inside, IpAllowLists.forNewToken(inside, creator));
        assertEquals(inside, IpAllowLists.forPatch(inside, creator));
        for (CidrList wider : List.of(list("0.0.0.0/0"), list("10.1.0.0/16", "11.0.0.0/8"), list("2001:db8::/31"),
                list("::/0"), list("10.0.0.0/7"))) {
            assertEquals("allowed_ips", assertThrows(InvalidField.class,
                    () -> IpAllowLists.forNewToken(wider, creator), wider::toString).field());
            assertEquals("allowed_ips", assertThrows(InvalidField.class,
                    () -> IpAllowLists.forPatch(wider, creator), wider::toString).field());
        }
    }

    @Test
    void aRestrictedCallerCannotEmptyAListByPatch() {
        InvalidField refused = assertThrows(InvalidField.class,
                () -> IpAllowLists.forPatch(CidrList.EMPTY, list("10.0.0.0/8")));
        assertEquals("allowed_ips", refused.field());
    }

    @Test
    void aListIsInsideACallersListOnlyWhenEveryBlockIsAndAnyAddressNeverIs() {
        CidrList own = list("127.0.0.0/30", "2001:db8::/32");
        assertTrue(IpAllowLists.isInside(list("127.0.0.1", "127.0.0.2/31", "2001:db8:1::/48"), own));
        assertTrue(IpAllowLists.isInside(own, own));
        assertFalse(IpAllowLists.isInside(CidrList.EMPTY, own), "[] is any address: inside no list");
        assertFalse(IpAllowLists.isInside(list("127.0.0.1", "127.0.0.4"), own));
        assertFalse(IpAllowLists.isInside(list("127.0.0.0/29"), own));
        assertTrue(IpAllowLists.isInside(CidrList.EMPTY, CidrList.EMPTY), "a caller without a list has no bound");
        assertTrue(IpAllowLists.isInside(list("0.0.0.0/0"), CidrList.EMPTY));
    }
}
