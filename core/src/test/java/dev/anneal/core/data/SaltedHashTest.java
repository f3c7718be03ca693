package dev.anneal.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code privacy: hash}: SHA-256 of salt and value, the same as any other SHA-256 tool computes. */
class SaltedHashTest {

    private static final SaltedHash HASH = new SaltedHash("0123456789abcdef");

    @Test
    void isTheSha256OfTheSaltFollowedByTheUtf8Value() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'0123456789abcdef' + 'ana@example.org'.encode()).hexdigest())"
        assertEquals("3a81085f79500a7f991c96a8b6e884a69e8093edd6a480206b053efeb5c00fe3", HASH.hash("ana@example.org"));
        assertEquals("f7600f6b69a81e44c6d0c9dbeafba29c0daff741bc14e9edcedce2506226a069", HASH.hash("Zoë"));
    }

    @Test
    void anotherSaltGivesAnotherHash() {
        assertNotEquals(HASH.hash("ana@example.org"), new SaltedHash("0123456789abcdeF").hash("ana@example.org"));
    }

    @Test
    void aColumnKeepsWhichRowsAreEqualAndWhichAreMissing() {
        CategoryColumn emails = new CategoryColumn("email", new int[] {0, 1, CategoryColumn.MISSING, 0, 2},
                List.of("ana@example.org", "bo@example.org", "007"));
        CategoryColumn hashed = HASH.hash(emails);
        assertEquals("email", hashed.name());
        assertArrayEquals(emails.codes(), hashed.codes());
        assertEquals(HASH.hash("ana@example.org"), hashed.label(0));
        assertEquals(hashed.label(0), hashed.label(3));
        assertNull(hashed.label(2));
        assertEquals("95d2088177db4b77585debc89a9f60aaa65e97c8dcbac1945fa43b40fad9b0d5", hashed.label(4));
        assertEquals(0, hashed.levels().stream().filter(emails.levels()::contains).count(), "no value survives");
    }

    @Test
    void anyColumnIsHashedAsItsTextShowsIt() {
        CategoryColumn hashed = HASH.hash(new NumericColumn("phone", new double[] {5551234, Double.NaN}));
        assertEquals(HASH.hash("5551234"), hashed.label(0));
        assertNull(hashed.label(1));
    }
}
