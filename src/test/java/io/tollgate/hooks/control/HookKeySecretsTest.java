package io.tollgate.hooks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HookKeySecretsTest {

    @Test
    void aMintedKeyIsWellFormedAndNewEachTime() {
        String key = HookKeySecrets.mint();
        assertEquals(HookKeySecrets.LENGTH, key.length());
        assertTrue(key.startsWith("tgb_"));
        assertTrue(HookKeySecrets.isWellFormed(key));
        assertNotEquals(key, HookKeySecrets.mint());
        assertEquals(64, HookKeySecrets.hash(key).length());
    }

    @Test
    void anythingElseIsRefusedWithoutALookup() {
        String key = HookKeySecrets.mint();
        assertFalse(HookKeySecrets.isWellFormed(null));
        assertFalse(HookKeySecrets.isWellFormed(key.substring(1)), "too short");
        assertFalse(HookKeySecrets.isWellFormed(key + "a"), "too long");
        assertFalse(HookKeySecrets.isWellFormed("tg_x" + key.substring(4)), "another prefix");
        assertFalse(HookKeySecrets.isWellFormed(key.substring(0, 10) + "-" + key.substring(11)), "not base62");
    }
}
