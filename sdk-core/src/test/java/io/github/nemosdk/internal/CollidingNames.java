package io.github.nemosdk.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * 5,040 names built to collide in Jackson's table of names for byte input: alike in their first 12 bytes, their
 * later 4-byte groups the same ones in another order (the table sums those groups, so the order is lost). The table
 * puts them all in one slot and refuses a parse once its overflow area is full (a guard against floods); the text
 * parser hashes them apart.
 */
public final class CollidingNames {
    private CollidingNames() {
    }

    /**
     * The names, in a fixed order; a parse refused by the table stops well before the last.
     *
     * @return the names
     */
    public static List<String> names() {
        List<String> orders = new ArrayList<>();
        permutations("", new StringBuilder("ABCDEFG"), orders);
        List<String> names = new ArrayList<>();
        for (String order : orders) {
            StringBuilder name = new StringBuilder("abcdefghijkl");
            for (char c : order.toCharArray()) {
                name.append(String.valueOf(c).repeat(4));
            }
            names.add(name.toString());
        }
        return names;
    }

    /**
     * A JSON object holding each name once, with its index as the value.
     *
     * @param names the names
     * @return the object's text
     */
    public static String object(List<String> names) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    private static void permutations(String prefix, StringBuilder rest, List<String> out) {
        if (rest.length() == 0) {
            out.add(prefix);
        }
        for (int i = 0; i < rest.length(); i++) {
            permutations(prefix + rest.charAt(i), new StringBuilder(rest).deleteCharAt(i), out);
        }
    }
}
