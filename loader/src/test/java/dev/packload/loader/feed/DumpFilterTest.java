package dev.packload.loader.feed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpFilterTest {

    @Test
    void filterPatterns() {
        DumpFilter f = new DumpFilter(java.util.List.of("cust*", "shop.orders"), java.util.List.of("customer_totals"),
                false, false, null);
        assertTrue(f.includes(null, "customers"));
        assertTrue(f.includes("shop", "orders"));
        assertFalse(f.includes("other", "orders"));
        assertFalse(f.includes("shop", "customer_totals"));
        assertFalse(f.includes("shop", "products"));
        assertTrue(DumpFilter.ALL.includes("x", "y"));
    }
}
