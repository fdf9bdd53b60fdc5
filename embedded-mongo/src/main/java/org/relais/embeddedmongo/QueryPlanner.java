package org.relais.embeddedmongo;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Chooses the index a find or count walks, by MongoDB's equality–sort–range rule: the filter's equalities fix the
 * index's leading fields, the sort follows its next ones (the index walked backwards when every sort direction is
 * flipped), and a range condition on the field after the equalities (when nothing is sorted, or when it is the sort's
 * first field) narrows the walk. Among the indexes that fit, a range the
 * filter covers exactly wins, then the one with the fewest entries (counted up to a bound). A count whose filter the
 * range covers exactly is the range's size.
 */
final class QueryPlanner {

    /** Entries counted at most when comparing candidate ranges: beyond it, ranges are equally large. */
    private static final int SIZE_BOUND = 20_000;
    private static final int PAGE = 256;

    private final SqliteCollection collection;

    QueryPlanner(SqliteCollection collection) {
        this.collection = collection;
    }

    /** The best index range for this filter and sort (null: none), or null when no index fits. */
    Plan plan(Document query, Document orderBy) {
        List<IndexKey> sort = sortOf(orderBy);
        if (query == null || sort == null) {
            return null;
        }
        List<Plan> fitting = new ArrayList<>();
        for (Conditions conditions : Conditions.of(query).variants()) {
            for (SecondaryIndex index : collection.secondaryIndexes()) {
                Plan plan = fit(index, conditions, sort);
                if (plan != null) {
                    fitting.add(plan);
                }
            }
        }
        return fitting.stream().min(Comparator.comparing((Plan plan) -> plan.filtersFurther())
                .thenComparingLong(Plan::boundedSize)
                .thenComparing(plan -> -plan.fixed())).orElse(null);
    }

    /**
     * A count of equalities no single index covers ({@code status} and {@code riskLevel}, each heading its own
     * index) as the size of the intersection of the ranges that cover them, by {@code _id}, without reading a
     * document; null when the filter has other conditions or no set of ranges covers it.
     */
    Long countByIntersection(Document query) {
        Conditions conditions = Conditions.of(query);
        Set<String> atoms = conditions.atoms();
        if (!conditions.equalitiesOnly() || atoms.size() < 2) {
            return null;
        }
        List<Plan> fitting = new ArrayList<>();
        for (Conditions variant : conditions.variants()) {
            for (SecondaryIndex index : collection.secondaryIndexes()) {
                Plan plan = fit(index, variant, List.of());
                if (plan != null && plan.fixed() > 0) {
                    fitting.add(plan);
                }
            }
        }
        Set<String> covered = new HashSet<>();
        List<Plan> chosen = new ArrayList<>();
        while (!covered.containsAll(atoms)) {
            Plan next = null;
            for (Plan candidate : fitting) {
                if (!covered.containsAll(candidate.fixedAtoms())
                        && (next == null || candidate.boundedSize() < next.boundedSize())) {
                    next = candidate;
                }
            }
            if (next == null) {
                return null;
            }
            covered.addAll(next.fixedAtoms());
            chosen.add(next);
        }
        List<String> parts = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (Plan plan : chosen) {
            parts.add("SELECT id FROM " + plan.index().table() + " WHERE " + plan.where());
            parameters.addAll(List.of(plan.bounds()));
        }
        return collection.sql().count("SELECT count(*) FROM (" + String.join(" INTERSECT ", parts) + ")",
                parameters.toArray());
    }

    private Plan fit(SecondaryIndex index, Conditions conditions, List<IndexKey> sort) {
        List<IndexKey> keys = index.getKeys();
        boolean[] descending = index.descending();
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        Set<String> fixedFields = new HashSet<>();
        Set<String> fixedAtoms = new HashSet<>();
        int fixed = 0;
        while (fixed < keys.size() && conditions.equalities().containsKey(keys.get(fixed).getKey())
                && fixedFields.add(keys.get(fixed).getKey())) {
            String field = keys.get(fixed).getKey();
            fixedAtoms.add(Conditions.atom(field, conditions.equalities().get(field)));
            byte[] value = KeyEncoding.value(conditions.equalities().get(field));
            if (descending[fixed]) {
                invert(value);
            }
            prefix.writeBytes(value);
            fixed++;
        }
        List<IndexKey> rest = keys.subList(fixed, keys.size());
        if ((fixed == 0 && sort.isEmpty()) || sort.size() > rest.size()
                || rest.stream().anyMatch(key -> index.mayHoldArrays(key.getKey()))
                || (index.sparse() && fixed == 0)) {
            return null;
        }
        Boolean reverse = null;
        for (int i = 0; i < sort.size(); i++) {
            IndexKey wanted = sort.get(i);
            IndexKey kept = rest.get(i);
            if (!wanted.getKey().equals(kept.getKey())) {
                return null;
            }
            boolean flipped = wanted.isAscending() != kept.isAscending();
            if (reverse != null && reverse != flipped) {
                return null;
            }
            reverse = flipped;
        }
        byte[] lower = prefix.toByteArray();
        byte[] upper = KeyEncoding.successor(lower);
        // a range on the next key bounds the walk, whether that key is not sorted on (a count) or is the sort's
        // first key (a page of a date range in date order): either way its entries are one run of the index
        if (fixed < keys.size()) {
            Range range = conditions.ranges().get(keys.get(fixed).getKey());
            // an array's elements may satisfy a range's two ends separately, and appear in it more than once
            if (range != null && !index.mayHoldArrays(keys.get(fixed).getKey())) {
                byte[][] bounds = range.bounds(lower, descending[fixed]);
                lower = bounds[0] != null ? bounds[0] : lower;
                upper = bounds[1] != null ? bounds[1] : upper;
            }
        }
        boolean filtersFurther = !conditions.complete() || conditions.equalities().size() != fixed;
        return new Plan(collection, index, lower, upper, Boolean.TRUE.equals(reverse), filtersFurther, fixed,
                Set.copyOf(fixedAtoms));
    }

    private static void invert(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
    }

    /** The sort as index keys; empty for none; null for one an index cannot give ({@code $natural}, text score). */
    private static List<IndexKey> sortOf(Document orderBy) {
        List<IndexKey> sort = new ArrayList<>();
        if (orderBy == null) {
            return sort;
        }
        for (Map.Entry<String, Object> field : orderBy.entrySet()) {
            if (field.getKey().startsWith("$") || !(field.getValue() instanceof Number direction)) {
                return null;
            }
            sort.add(new IndexKey(field.getKey(), direction.intValue() >= 0));
        }
        return sort;
    }

    /** A key range of one index, from {@code lower} (inclusive) to {@code upper} (exclusive; null for the end). */
    static final class Plan {

        private final SqliteCollection collection;
        private final SecondaryIndex index;
        private final byte[] lower;
        private final byte[] upper;
        private final boolean reverse;
        private final boolean filtersFurther;
        private final int fixed;
        private final Set<String> fixedAtoms;
        private long boundedSize = -1;

        Plan(SqliteCollection collection, SecondaryIndex index, byte[] lower, byte[] upper, boolean reverse,
             boolean filtersFurther, int fixed, Set<String> fixedAtoms) {
            this.fixedAtoms = fixedAtoms;
            this.collection = collection;
            this.index = index;
            this.lower = lower;
            this.upper = upper;
            this.reverse = reverse;
            this.filtersFurther = filtersFurther;
            this.fixed = fixed;
        }

        SecondaryIndex index() {
            return index;
        }

        boolean filtersFurther() {
            return filtersFurther;
        }

        int fixed() {
            return fixed;
        }

        /** The (field, value) equalities its range fixes. */
        Set<String> fixedAtoms() {
            return fixedAtoms;
        }

        private String where() {
            return "k >= ?" + (upper == null ? "" : " AND k < ?");
        }

        private Object[] bounds(Object... more) {
            List<Object> parameters = new ArrayList<>();
            parameters.add(lower);
            if (upper != null) {
                parameters.add(upper);
            }
            parameters.addAll(List.of(more));
            return parameters.toArray();
        }

        long boundedSize() {
            if (boundedSize < 0) {
                boundedSize = collection.sql().count("SELECT count(*) FROM (SELECT 1 FROM " + index.table()
                        + " WHERE " + where() + " LIMIT " + SIZE_BOUND + ")", bounds());
            }
            return boundedSize;
        }

        long exactSize() {
            return collection.sql().count("SELECT count(*) FROM " + index.table() + " WHERE " + where(), bounds());
        }

        /**
         * The documents of the range in index order (or its reverse), read a page at a time, each page continuing
         * after the last (key, id) pair read.
         */
        Iterable<Document> documents() {
            String order = reverse ? " ORDER BY k DESC, id DESC" : " ORDER BY k, id";
            String after = reverse ? " AND (k, id) < (?, ?)" : " AND (k, id) > (?, ?)";
            String first = "SELECT i.k, i.id, c.doc FROM " + index.table() + " i JOIN " + collection.table()
                    + " c ON c.id = i.id WHERE " + where().replace("k ", "i.k ") + order.replace("k", "i.k")
                    .replace("id", "i.id") + " LIMIT " + PAGE;
            String next = "SELECT i.k, i.id, c.doc FROM " + index.table() + " i JOIN " + collection.table()
                    + " c ON c.id = i.id WHERE " + where().replace("k ", "i.k ")
                    + after.replace("(k, id)", "(i.k, i.id)") + order.replace("k", "i.k").replace("id", "i.id")
                    + " LIMIT " + PAGE;
            return () -> new PagedDocuments(PAGE) {
                private byte[] lastKey;
                private byte[] lastId;

                @Override
                protected List<Document> nextPage() {
                    java.util.function.Function<Object[], Document> read = row -> {
                        lastKey = (byte[]) row[0];
                        lastId = (byte[]) row[1];
                        return DocumentCodec.decode((byte[]) row[2]);
                    };
                    List<Object[]> rows = lastKey == null
                            ? collection.sql().list(first, Plan::row, bounds())
                            : collection.sql().list(next, Plan::row, bounds(lastKey, lastId));
                    return rows.stream().map(read).toList();
                }
            };
        }

        private static Object[] row(java.sql.ResultSet row) throws java.sql.SQLException {
            return new Object[] {row.getBytes(1), row.getBytes(2), row.getBytes(3)};
        }
    }

    /**
     * A range condition on one field ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} on numbers, strings or
     * dates): bounds that hold every matching key (the matcher still checks each document).
     */
    record Range(Object low, Object high) {

        byte[][] bounds(byte[] prefix, boolean descending) {
            byte[] lowKey = low == null ? null : join(prefix, KeyEncoding.value(low), descending);
            byte[] highKey = high == null ? null : join(prefix, KeyEncoding.value(high), descending);
            if (descending) {
                byte[] swap = lowKey;
                lowKey = highKey;
                highKey = swap;
            }
            return new byte[][] {lowKey, highKey == null ? null : KeyEncoding.successor(highKey)};
        }

        private static byte[] join(byte[] prefix, byte[] value, boolean descending) {
            if (descending) {
                invert(value);
            }
            byte[] joined = new byte[prefix.length + value.length];
            System.arraycopy(prefix, 0, joined, 0, prefix.length);
            System.arraycopy(value, 0, joined, prefix.length, value.length);
            return joined;
        }
    }

    /**
     * The plain equality conditions of a filter ({@code {field: value}}, also inside a top-level {@code $and}), its
     * range conditions, and whether the equalities are all it says. Values an index key cannot stand for (null,
     * which also matches a missing field; documents; arrays; patterns) are left to the matcher.
     */
    record Conditions(Map<String, Object> equalities, Map<String, Range> ranges, boolean complete,
                      Map<String, List<?>> allOf, boolean equalitiesOnly) {

        static Conditions of(Document query) {
            Map<String, Object> equalities = new LinkedHashMap<>();
            Map<String, Range> ranges = new LinkedHashMap<>();
            Map<String, List<?>> allOf = new LinkedHashMap<>();
            boolean equalitiesOnly = collect(query, equalities, ranges, allOf);
            return new Conditions(equalities, ranges, equalitiesOnly && allOf.isEmpty(), allOf, equalitiesOnly);
        }

        /** Each (field, value) the filter requires, from its equalities and its {@code $all}s. */
        Set<String> atoms() {
            Set<String> atoms = new HashSet<>();
            equalities.forEach((field, value) -> atoms.add(atom(field, value)));
            allOf.forEach((field, values) -> values.forEach(value -> atoms.add(atom(field, value))));
            return atoms;
        }

        static String atom(String field, Object value) {
            return field + "=" + java.util.HexFormat.of().formatHex(KeyEncoding.value(value));
        }

        /**
         * These conditions, and for each value of an {@code $all} of several values (a multikey field that must hold
         * each of them) the same with that value as the field's equality: any one of them bounds an index range,
         * and the planner keeps the smallest (the matcher checks the others).
         */
        List<Conditions> variants() {
            List<Conditions> variants = new ArrayList<>(List.of(this));
            allOf.forEach((field, values) -> {
                if (!equalities.containsKey(field)) {
                    for (Object value : values) {
                        Map<String, Object> with = new LinkedHashMap<>(equalities);
                        with.put(field, value);
                        variants.add(new Conditions(with, ranges, false, Map.of(), false));
                    }
                }
            });
            return variants;
        }

        private static boolean collect(Document query, Map<String, Object> equalities, Map<String, Range> ranges,
                                       Map<String, List<?>> allOf) {
            boolean complete = true;
            for (Map.Entry<String, Object> condition : query.entrySet()) {
                String field = condition.getKey();
                Object value = condition.getValue();
                if ("$and".equals(field) && value instanceof Collection<?> parts) {
                    for (Object part : parts) {
                        complete &= part instanceof Document document
                                && collect(document, equalities, ranges, allOf);
                    }
                } else if (field.startsWith("$") || equalities.containsKey(field)) {
                    complete = false;
                } else if (value instanceof Document operators && isAllOfValues(operators)) {
                    List<?> values = (List<?>) operators.get("$all");
                    if (values.size() == 1) {
                        // {f: {$all: [v]}} matches exactly what {f: v} matches, for an array or a single value
                        equalities.put(field, values.get(0));
                    } else if (allOf.containsKey(field)) {
                        complete = false;
                    } else {
                        allOf.put(field, values);
                    }
                } else if (value instanceof Document operators && isRange(operators)) {
                    complete = false;
                    ranges.putIfAbsent(field, rangeOf(operators));
                } else if (!indexable(value)) {
                    complete = false;
                } else {
                    equalities.put(field, value);
                }
            }
            return complete;
        }

        private static boolean isAllOfValues(Document operators) {
            return operators.size() == 1 && operators.get("$all") instanceof List<?> values && !values.isEmpty()
                    && values.stream().allMatch(Conditions::indexable);
        }

        private static boolean isRange(Document operators) {
            if (operators.isEmpty()) {
                return false;
            }
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                if (!Set.of("$gt", "$gte", "$lt", "$lte").contains(operator.getKey())
                        || !(operator.getValue() instanceof Number || operator.getValue() instanceof String
                        || operator.getValue() instanceof java.time.Instant
                        || operator.getValue() instanceof java.util.Date)) {
                    return false;
                }
            }
            return true;
        }

        private static Range rangeOf(Document operators) {
            Object low = operators.containsKey("$gt") ? operators.get("$gt") : operators.get("$gte");
            Object high = operators.containsKey("$lt") ? operators.get("$lt") : operators.get("$lte");
            return new Range(low, high);
        }

        private static boolean indexable(Object value) {
            return value != null && !(value instanceof Map<?, ?>) && !(value instanceof Collection<?>)
                    && !(value instanceof Pattern) && !(value instanceof BsonRegularExpression)
                    && !value.getClass().isArray();
        }
    }
}
