package io.tollgate.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable list of CIDR blocks, parsed once (a token's {@code allowed_ips} when the token is
 * cached, the trusted proxies at start) and then only matched. What an empty list means is the
 * user's call: {@link #permits} reads it as an allow-list ({@code []} = any address),
 * {@link #contains} as a plain set (nothing is in an empty list).
 */
public final class CidrList {

    public static final CidrList EMPTY = new CidrList(new Cidr[0]);

    private final Cidr[] blocks;

    private CidrList(Cidr[] blocks) {
        this.blocks = blocks;
    }

    /**
     * The blocks these texts name, in order, duplicates (after normalising) dropped.
     *
     * @throws IllegalArgumentException naming the first entry that is not a block
     */
    public static CidrList parse(Collection<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return EMPTY;
        }
        Set<Cidr> blocks = new LinkedHashSet<>();
        for (String text : texts) {
            try {
                blocks.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(quoted(text) + " " + e.getMessage(), e);
            }
        }
        return new CidrList(blocks.toArray(new Cidr[0]));
    }

    /** A comma-separated list, white space around entries ignored (a configuration value). */
    public static CidrList parseCommaSeparated(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.strip());
            }
        }
        return parse(entries);
    }

    private static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > IpAddress.MAX_LENGTH + 4 ? "an entry of " + text.length() + " characters" : "'" + text + "'";
    }


    public boolean isEmpty() {
        return blocks.length == 0;
    }

    public int size() {
        return blocks.length;
    }

    /** As an allow-list: true for every address when empty, else when one block contains it. */
    public boolean permits(IpAddress address) {
        return blocks.length == 0 || contains(address);
    }

    /** One of the blocks contains the address; never for an empty list or a null address. */
    public boolean contains(IpAddress address) {
        if (address == null) {
            return false;
        }
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** One of the blocks contains all of {@code block}. */
    public boolean covers(Cidr block) {
        for (Cidr own : blocks) {
            if (own.contains(block)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> blocks() {
        return List.of(blocks);
    }

    /** The canonical texts, in order: what is stored and answered. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>(blocks.length);
        for (Cidr block : blocks) {
            texts.add(block.toString());
        }
        return List.copyOf(texts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrList list && List.of(list.blocks).equals(List.of(blocks));
    }

    @Override
    public int hashCode() {
        return List.of(blocks).hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", texts());
    }
}
