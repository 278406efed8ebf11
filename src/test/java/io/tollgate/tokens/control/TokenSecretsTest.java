package io.tollgate.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSecretsTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern TOKEN_SHAPE = Pattern.compile("tg_[0-9A-Za-z]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int CHECKSUM = 6;
    private static final int MIN_RANDOM_CHARS = 27; // 27 * log2(62) = 160.8 bits

    /** The random part of a minted value: between the prefix and the checksum. */
    private static String randomPart(String token) {
        return token.substring(TokenSecrets.PREFIX.length(), token.length() - CHECKSUM);
    }

    /** A value with a correct checksum for any body, to isolate the other format rules. */
    private static String withChecksum(String body) {
        return body + TokenSecrets.checksum(body);
    }

    private static char otherBase62(char c) {
        return BASE62.charAt((BASE62.indexOf(c) + 1) % BASE62.length());
    }

    @Test
    void mintedValueStartsWithPrefixAndUsesOnlyBase62() {
        for (int i = 0; i < 1_000; i++) {
            String token = TokenSecrets.mint();
            assertTrue(token.startsWith("tg_"), token);
            assertTrue(TOKEN_SHAPE.matcher(token).matches(), token);
        }
    }

    @Test
    void mintedValueHasTheDeclaredLengthWithAtLeast160RandomBits() {
        String token = TokenSecrets.mint();
        assertEquals(TokenSecrets.LENGTH, token.length());
        int randomChars = TokenSecrets.LENGTH - "tg_".length() - CHECKSUM;
        assertTrue(randomChars >= MIN_RANDOM_CHARS, "only " + randomChars + " random base62 characters");
        assertTrue(randomChars * (Math.log(62) / Math.log(2)) >= 160.0);
    }

    @Test
    void everyRandomPositionVariesAcrossTheWholeAlphabet() {
        int randomChars = TokenSecrets.LENGTH - "tg_".length() - CHECKSUM;
        @SuppressWarnings("unchecked")
        Set<Character>[] seenAt = new Set[randomChars];
        for (int p = 0; p < randomChars; p++) {
            seenAt[p] = new HashSet<>();
        }
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 4_000; i++) {
            String random = randomPart(TokenSecrets.mint());
            assertEquals(randomChars, random.length());
            for (int p = 0; p < randomChars; p++) {
                seenAt[p].add(random.charAt(p));
                seen.add(random.charAt(p));
            }
        }
        // 4000 draws per position from 62 symbols: every position sees (nearly) all of them
        for (int p = 0; p < randomChars; p++) {
            assertTrue(seenAt[p].size() >= 55, "position " + p + " took only " + seenAt[p].size() + " values");
        }
        assertEquals(62, seen.size(), "the whole base62 alphabet is used");
    }

    @Test
    void mintedValuesAreDistinct() {
        Set<String> minted = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertTrue(minted.add(TokenSecrets.mint()), "a minted value repeated");
        }
    }

    @Test
    void mintedValuesAreWellFormed() {
        for (int i = 0; i < 1_000; i++) {
            String token = TokenSecrets.mint();
            assertTrue(TokenSecrets.isWellFormed(token), token);
        }
    }

    @Test
    void nullIsNotWellFormed() {
        assertFalse(TokenSecrets.isWellFormed(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tg_", "abc", "Bearer tg_abc"})
    void arbitraryTextIsNotWellFormed(String value) {
        assertFalse(TokenSecrets.isWellFormed(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tk_", "TG_", "tg-", "gt_"})
    void wrongPrefixIsNotWellFormedEvenWithMatchingChecksum(String prefix) {
        String random = randomPart(TokenSecrets.mint());
        assertFalse(TokenSecrets.isWellFormed(withChecksum(prefix + random)));
    }

    @Test
    void missingPrefixIsNotWellFormed() {
        String token = TokenSecrets.mint();
        assertFalse(TokenSecrets.isWellFormed(token.substring(3)));
        assertFalse(TokenSecrets.isWellFormed("xyz" + token.substring(3)));
    }

    @Test
    void tooLongRandomPartIsNotWellFormedEvenWithMatchingChecksum() {
        String body = TokenSecrets.mint().substring(0, TokenSecrets.LENGTH - CHECKSUM);
        assertFalse(TokenSecrets.isWellFormed(withChecksum(body + "a")));
    }

    @Test
    void tooShortRandomPartIsNotWellFormedEvenWithMatchingChecksum() {
        String body = TokenSecrets.mint().substring(0, TokenSecrets.LENGTH - CHECKSUM);
        assertFalse(TokenSecrets.isWellFormed(withChecksum(body.substring(0, body.length() - 1))));
    }

    @Test
    void appendedOrTruncatedValueIsNotWellFormed() {
        String token = TokenSecrets.mint();
        assertFalse(TokenSecrets.isWellFormed(token + "a"));
        assertFalse(TokenSecrets.isWellFormed(token.substring(0, token.length() - 1)));
        assertFalse(TokenSecrets.isWellFormed(" " + token));
        assertFalse(TokenSecrets.isWellFormed(token + "\n"));
    }

    @ParameterizedTest
    @ValueSource(chars = {'-', '_', '+', '/', '=', ' ', '.', '\u00e9', '\u0661'})
    void nonBase62CharacterInRandomPartIsNotWellFormedEvenWithMatchingChecksum(char bad) {
        String body = TokenSecrets.mint().substring(0, TokenSecrets.LENGTH - CHECKSUM);
        String changed = body.substring(0, 10) + bad + body.substring(11);
        assertFalse(TokenSecrets.isWellFormed(withChecksum(changed)));
    }

    @ParameterizedTest
    @ValueSource(chars = {'-', '_', '+', '/', '='})
    void nonBase62CharacterInChecksumIsNotWellFormed(char bad) {
        String token = TokenSecrets.mint();
        assertFalse(TokenSecrets.isWellFormed(token.substring(0, token.length() - 1) + bad));
    }

    @Test
    void singleChangedCharacterInRandomPartIsNotWellFormed() {
        for (int n = 0; n < 20; n++) {
            String token = TokenSecrets.mint();
            for (int i = TokenSecrets.PREFIX.length(); i < TokenSecrets.LENGTH - CHECKSUM; i++) {
                char original = token.charAt(i);
                for (char replacement : new char[] {otherBase62(original), Character.isUpperCase(original)
                        ? Character.toLowerCase(original) : Character.toUpperCase(original)}) {
                    if (replacement == original) {
                        continue;
                    }
                    String changed = token.substring(0, i) + replacement + token.substring(i + 1);
                    assertFalse(TokenSecrets.isWellFormed(changed), "change at " + i + " went unnoticed: " + changed);
                }
            }
        }
    }

    @Test
    void swappedAdjacentCharactersInRandomPartAreNotWellFormed() {
        String token = TokenSecrets.mint();
        for (int i = TokenSecrets.PREFIX.length(); i < TokenSecrets.LENGTH - CHECKSUM - 1; i++) {
            if (token.charAt(i) == token.charAt(i + 1)) {
                continue;
            }
            String swapped = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
            assertFalse(TokenSecrets.isWellFormed(swapped), "swap at " + i + " went unnoticed");
        }
    }

    @Test
    void changedChecksumIsNotWellFormed() {
        for (int n = 0; n < 20; n++) {
            String token = TokenSecrets.mint();
            for (int i = TokenSecrets.LENGTH - CHECKSUM; i < TokenSecrets.LENGTH; i++) {
                String changed = token.substring(0, i) + otherBase62(token.charAt(i)) + token.substring(i + 1);
                assertFalse(TokenSecrets.isWellFormed(changed), "checksum change at " + i + " went unnoticed");
            }
        }
    }

    @Test
    void checksumOfOneTokenDoesNotValidateAnother() {
        String one = TokenSecrets.mint();
        String other = TokenSecrets.mint();
        String mixed = other.substring(0, TokenSecrets.LENGTH - CHECKSUM) + one.substring(TokenSecrets.LENGTH - CHECKSUM);
        assertFalse(TokenSecrets.isWellFormed(mixed));
    }

    @Test
    void hashIsSha256OfAbc() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.hash("abc"));
    }

    @Test
    void hashIsSha256OfEmptyString() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", TokenSecrets.hash(""));
    }

    @Test
    void hashEncodesTextAsUtf8() {
        // sha256(UTF-8 bytes of "tg_é"), computed independently
        assertEquals("522bb11c7c984fedcc106186104d53ee9f773a004e3d4057bc98b470c233684a",
                TokenSecrets.hash("tg_\u00e9"));
    }

    @Test
    void hashIsLowerCase64HexAndDiffersPerToken() {
        String one = TokenSecrets.mint();
        String other = TokenSecrets.mint();
        assertTrue(SHA256_HEX.matcher(TokenSecrets.hash(one)).matches());
        assertEquals(TokenSecrets.hash(one), TokenSecrets.hash(one));
        assertNotEquals(TokenSecrets.hash(one), TokenSecrets.hash(other));
        assertFalse(TokenSecrets.hash(one).contains(randomPart(one)), "the hash must not reveal the secret");
    }
}
