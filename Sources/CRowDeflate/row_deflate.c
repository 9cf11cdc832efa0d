#include "row_deflate.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The design, the measurements and the proof are in row_deflate.h. Section numbers below are
   RFC 1951's. */

enum {
    HASH_BITS = 15,          /* one entry per hash of four bytes: 2^15 entries */
    WINDOW = 32768,          /* the farthest a deflate match may reach back */
    MIN_MATCH = 3,
    MAX_MATCH = 258,
    BLOCK_ITEMS = 8192,      /* literals and matches a block (smaller blocks measured smaller) */
    LAZY_BELOW = 32,         /* a match this short is weighed against the next position's */
    INSERT_BELOW = 16,       /* the positions inside a match this short are hashed too */
};

/* A literal (distance 0, `length` is the byte) or a match. */
struct item { uint16_t length; uint16_t distance; };

struct lesson_row_deflate {
    int32_t table[1 << HASH_BITS];   /* the last position of each hash of four bytes */
    struct item items[BLOCK_ITEMS];  /* the block being gathered */
};

struct lesson_row_deflate *lesson_row_deflate_alloc(void) { return malloc(sizeof(struct lesson_row_deflate)); }

void lesson_row_deflate_free(struct lesson_row_deflate *encoder) { free(encoder); }

/* Every block is stored raw if that is smaller, and a block covers at least BLOCK_ITEMS input
   bytes (all but the last), so the output exceeds the input by at most 5 bytes per stored
   piece of 65535 and 6 per block (its header, its length fields and the byte boundary). */
size_t lesson_row_deflate_bound(size_t count) { return count + count / 1024 + 1024; }

/* ---- Writing bits, least significant first (3.1.1) ---- */

struct bits { uint8_t *out; size_t count; uint64_t buffer; int used; };

static inline void put(struct bits *w, uint64_t value, int n) {
    w->buffer |= value << w->used;
    w->used += n;
    if (w->used >= 32) {
        w->out[w->count] = (uint8_t)w->buffer;
        w->out[w->count + 1] = (uint8_t)(w->buffer >> 8);
        w->out[w->count + 2] = (uint8_t)(w->buffer >> 16);
        w->out[w->count + 3] = (uint8_t)(w->buffer >> 24);
        w->count += 4;
        w->buffer >>= 32;
        w->used -= 32;
    }
}

/* Writes the bits held and pads to a byte boundary. */
static inline void align(struct bits *w) {
    while (w->used > 0) {
        w->out[w->count++] = (uint8_t)w->buffer;
        w->buffer >>= 8;
        w->used = w->used > 8 ? w->used - 8 : 0;
    }
    w->buffer = 0;
}

/* ---- Length and distance codes (3.2.5) ---- */

static inline int log2_floor(uint32_t x) { return 31 - __builtin_clz(x); }

/* Length 3..258 as its symbol 257..285 and its extra bits. */
static inline void length_code(int length, int *symbol, int *bits, int *extra) {
    int x = length - 3;
    if (length == 258) { *symbol = 285; *bits = 0; *extra = 0; return; }
    if (x < 8) { *symbol = 257 + x; *bits = 0; *extra = 0; return; }
    int b = log2_floor((uint32_t)x);
    *symbol = 257 + 4 * (b - 1) + ((x >> (b - 2)) & 3);
    *bits = b - 2;
    *extra = x & ((1 << (b - 2)) - 1);
}

/* Distance 1..32768 as its code 0..29 and its extra bits. */
static inline void distance_code(int distance, int *symbol, int *bits, int *extra) {
    int x = distance - 1;
    if (x < 4) { *symbol = x; *bits = 0; *extra = 0; return; }
    int b = log2_floor((uint32_t)x);
    *symbol = 2 * b + ((x >> (b - 1)) & 1);
    *bits = b - 1;
    *extra = x & ((1 << (b - 1)) - 1);
}

/* ---- Huffman codes (3.2.2) ---- */

struct weight { uint32_t key; uint16_t symbol; };

/* Moves keys[root] down the max-heap keys[0..<n] to its place. */
static inline void sift_down(uint32_t *keys, int root, int n) {
    for (;;) {
        int child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && keys[child + 1] > keys[child]) child++;
        if (keys[root] >= keys[child]) return;
        uint32_t t = keys[root]; keys[root] = keys[child]; keys[child] = t;
        root = child;
    }
}

/* Sorts `a` rarest first, equal counts by symbol, so the codes never depend on the sort's
   whims: a heap sort of the keys count × 512 + symbol (counts stay below 2^23: a block has at
   most 8,193 symbols, the code-length code 316), inline where qsort called a comparison for
   each of its ~2,300 steps (2.3 % of `lesson figures`' CPU in qsort and the comparison, perf). */
static void sort_by_count(struct weight *a, int n) {
    uint32_t keys[288];
    for (int i = 0; i < n; i++) keys[i] = a[i].key << 9 | a[i].symbol;
    for (int root = n / 2 - 1; root >= 0; root--) sift_down(keys, root, n);
    for (int end = n - 1; end > 0; end--) {
        uint32_t t = keys[0]; keys[0] = keys[end]; keys[end] = t;
        sift_down(keys, 0, end);
    }
    for (int i = 0; i < n; i++) { a[i].key = keys[i] >> 9; a[i].symbol = (uint16_t)(keys[i] & 511); }
}

/* Code lengths of at most `limit` bits for the `n` symbols counted in `counts` (0 for unused
   symbols): optimal lengths by Moffat and Katajainen's in-place algorithm, then, where some
   exceed `limit`, those cut to `limit` and shorter codes lengthened one at a time until the
   Kraft sum is 1 again (as miniz does); the longest codes go to the rarest symbols. */
static void code_lengths(const uint32_t *counts, int n, int limit, uint8_t *lengths) {
    struct weight a[288];
    int used = 0;
    memset(lengths, 0, (size_t)n);
    for (int i = 0; i < n; i++)
        if (counts[i]) { a[used].key = counts[i]; a[used].symbol = (uint16_t)i; used++; }
    if (used == 0) return;
    if (used == 1) { lengths[a[0].symbol] = 1; return; }
    sort_by_count(a, used);

    /* Moffat & Katajainen (1995): keys become parent links, then depths, then lengths. */
    int root = 0, leaf = 2, next;
    a[0].key += a[1].key;
    for (next = 1; next < used - 1; next++) {
        if (leaf >= used || a[root].key < a[leaf].key) { a[next].key = a[root].key; a[root++].key = (uint32_t)next; }
        else a[next].key = a[leaf++].key;
        if (leaf >= used || (root < next && a[root].key < a[leaf].key)) { a[next].key += a[root].key; a[root++].key = (uint32_t)next; }
        else a[next].key += a[leaf++].key;
    }
    a[used - 2].key = 0;
    for (next = used - 3; next >= 0; next--) a[next].key = a[a[next].key].key + 1;
    int available = 1, taken = 0, depth = 0;
    root = used - 2;
    next = used - 1;
    while (available > 0) {
        while (root >= 0 && (int)a[root].key == depth) { taken++; root--; }
        while (available > taken) { a[next--].key = (uint32_t)depth; available--; }
        available = 2 * taken;
        depth++;
        taken = 0;
    }

    int perLength[33] = {0};
    for (int i = 0; i < used; i++) perLength[a[i].key > 32 ? 32 : a[i].key]++;
    for (int i = limit + 1; i <= 32; i++) { perLength[limit] += perLength[i]; perLength[i] = 0; }
    uint32_t kraft = 0;
    for (int i = limit; i > 0; i--) kraft += (uint32_t)perLength[i] << (limit - i);
    while (kraft != 1u << limit) {
        perLength[limit]--;
        for (int i = limit - 1; i > 0; i--)
            if (perLength[i]) { perLength[i]--; perLength[i + 1] += 2; break; }
        kraft--;
    }
    int i = 0;
    for (int length = limit; length > 0; length--)
        for (int k = perLength[length]; k > 0; k--) lengths[a[i++].symbol] = (uint8_t)length;
}

/* The canonical codes of `lengths` (3.2.2), bit-reversed: deflate writes a code's first bit
   first, and `put` writes least significant bits first. */
static void canonical_codes(const uint8_t *lengths, int n, uint16_t *codes) {
    int perLength[16] = {0};
    uint32_t next[16] = {0}, code = 0;
    for (int i = 0; i < n; i++) perLength[lengths[i]]++;
    perLength[0] = 0;
    for (int b = 1; b < 16; b++) { code = (code + (uint32_t)perLength[b - 1]) << 1; next[b] = code; }
    for (int i = 0; i < n; i++) {
        if (!lengths[i]) continue;
        uint32_t c = next[lengths[i]]++, reversed = 0;
        for (int k = 0; k < lengths[i]; k++) { reversed = reversed << 1 | (c & 1); c >>= 1; }
        codes[i] = (uint16_t)reversed;
    }
}

/* Counts at least two symbols in `counts`: zlib refuses a code of one symbol for the code
   lengths (and the other decoders are safest with complete codes everywhere). */
static void at_least_two(uint32_t *counts, int n) {
    int used = 0;
    for (int i = 0; i < n; i++) used += counts[i] != 0;
    for (int i = 0; used < 2 && i < n; i++)
        if (!counts[i]) { counts[i] = 1; used++; }
}

/* ---- Blocks (3.2.3, 3.2.4, 3.2.7) ---- */

static void write_stored(struct bits *w, const uint8_t *raw, size_t count, int final) {
    size_t done = 0;
    do {
        size_t n = count - done > 65535 ? 65535 : count - done;
        put(w, (uint64_t)(final && done + n == count), 3);
        align(w);
        w->out[w->count++] = (uint8_t)n;
        w->out[w->count++] = (uint8_t)(n >> 8);
        w->out[w->count++] = (uint8_t)~n;
        w->out[w->count++] = (uint8_t)(~n >> 8);
        memcpy(w->out + w->count, raw + done, n);
        w->count += n;
        done += n;
    } while (done < count);
}

/* Writes `count` items, which stand for the input `raw` (`rawCount` bytes), as one block with
   dynamic Huffman codes, or stored raw where that is fewer bits. */
static void write_block(struct bits *w, const struct item *items, int count, const uint8_t *raw, size_t rawCount, int final) {
    uint32_t litlenCounts[286] = {0}, distanceCounts[30] = {0};
    uint64_t extraBits = 0;
    for (int i = 0; i < count; i++) {
        if (items[i].distance == 0) { litlenCounts[items[i].length]++; continue; }
        int symbol, bits, extra;
        length_code(items[i].length, &symbol, &bits, &extra);
        litlenCounts[symbol]++;
        extraBits += (uint64_t)bits;
        distance_code(items[i].distance, &symbol, &bits, &extra);
        distanceCounts[symbol]++;
        extraBits += (uint64_t)bits;
    }
    litlenCounts[256] = 1; /* end of block */
    at_least_two(distanceCounts, 30);
    uint8_t litlenLengths[286], distanceLengths[30];
    code_lengths(litlenCounts, 286, 15, litlenLengths);
    code_lengths(distanceCounts, 30, 15, distanceLengths);
    int hlit = 286, hdist = 30;
    while (hlit > 257 && !litlenLengths[hlit - 1]) hlit--;
    while (hdist > 1 && !distanceLengths[hdist - 1]) hdist--;

    /* The code lengths, run-length coded (3.2.7): 16 repeats the previous length 3–6 times,
       17 writes 3–10 zeros, 18 writes 11–138. */
    uint8_t all[286 + 30], runs[286 + 30], runExtra[286 + 30];
    int total = hlit + hdist, runCount = 0;
    memcpy(all, litlenLengths, (size_t)hlit);
    memcpy(all + hlit, distanceLengths, (size_t)hdist);
    for (int i = 0; i < total;) {
        int value = all[i], run = 1;
        while (i + run < total && all[i + run] == value) run++;
        int left = run;
        if (value == 0) {
            for (; left >= 11; ) { int r = left > 138 ? 138 : left; runs[runCount] = 18; runExtra[runCount++] = (uint8_t)(r - 11); left -= r; }
            if (left >= 3) { runs[runCount] = 17; runExtra[runCount++] = (uint8_t)(left - 3); left = 0; }
        } else {
            runs[runCount] = (uint8_t)value; runExtra[runCount++] = 0;
            left--;
            for (; left >= 3; ) { int r = left > 6 ? 6 : left; runs[runCount] = 16; runExtra[runCount++] = (uint8_t)(r - 3); left -= r; }
        }
        for (; left > 0; left--) { runs[runCount] = (uint8_t)value; runExtra[runCount++] = 0; }
        i += run;
    }
    static const uint8_t runExtraBits[19] = {[16] = 2, [17] = 3, [18] = 7};
    uint32_t lengthCounts[19] = {0};
    for (int i = 0; i < runCount; i++) lengthCounts[runs[i]]++;
    at_least_two(lengthCounts, 19);
    uint8_t lengthLengths[19];
    code_lengths(lengthCounts, 19, 7, lengthLengths);
    static const uint8_t order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    int hclen = 19;
    while (hclen > 4 && !lengthLengths[order[hclen - 1]]) hclen--;

    uint64_t bits = 3 + 5 + 5 + 4 + 3 * (uint64_t)hclen + extraBits;
    for (int i = 0; i < runCount; i++) bits += lengthLengths[runs[i]] + runExtraBits[runs[i]];
    for (int i = 0; i < 286; i++) bits += (uint64_t)litlenCounts[i] * litlenLengths[i];
    for (int i = 0; i < 30; i++) bits += (uint64_t)distanceCounts[i] * distanceLengths[i];
    uint64_t storedBits = 3 + 7 + 8 * ((uint64_t)rawCount + 5 * (rawCount / 65535 + 1));
    if (storedBits < bits) { write_stored(w, raw, rawCount, final); return; }

    uint16_t litlenCodes[286] = {0}, distanceCodes[30] = {0}, lengthCodes[19] = {0};
    canonical_codes(litlenLengths, 286, litlenCodes);
    canonical_codes(distanceLengths, 30, distanceCodes);
    canonical_codes(lengthLengths, 19, lengthCodes);
    put(w, (uint64_t)(final ? 1 : 0) | 2 << 1, 3); /* BFINAL, then BTYPE 2: dynamic codes */
    put(w, (uint64_t)(hlit - 257), 5);
    put(w, (uint64_t)(hdist - 1), 5);
    put(w, (uint64_t)(hclen - 4), 4);
    for (int i = 0; i < hclen; i++) put(w, lengthLengths[order[i]], 3);
    for (int i = 0; i < runCount; i++) {
        put(w, lengthCodes[runs[i]], lengthLengths[runs[i]]);
        if (runExtraBits[runs[i]]) put(w, runExtra[i], runExtraBits[runs[i]]);
    }
    for (int i = 0; i < count; i++) {
        if (items[i].distance == 0) { put(w, litlenCodes[items[i].length], litlenLengths[items[i].length]); continue; }
        int symbol, extraCount, extra;
        length_code(items[i].length, &symbol, &extraCount, &extra);
        put(w, litlenCodes[symbol], litlenLengths[symbol]);
        if (extraCount) put(w, (uint64_t)extra, extraCount);
        distance_code(items[i].distance, &symbol, &extraCount, &extra);
        put(w, distanceCodes[symbol], distanceLengths[symbol]);
        if (extraCount) put(w, (uint64_t)extra, extraCount);
    }
    put(w, litlenCodes[256], litlenLengths[256]);
}

/* ---- Finding matches ---- */

/* Four bytes as a little-endian number on any machine, so the hash (and the output) is the
   same everywhere. */
static inline uint32_t load4(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint32_t hash4(const uint8_t *p) { return (load4(p) * 2654435761u) >> (32 - HASH_BITS); }

/* How many bytes `a` and `b` have in common from their start, at most `limit`: sixteen at a time
   with SSE2 (every x86-64 has it; 4–6 % fewer instructions than eight), then eight, then one. */
static inline int common_length(const uint8_t *a, const uint8_t *b, int limit) {
    int n = 0;
#if defined(__SSE2__)
    for (; n + 16 <= limit; n += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(a + n)), y = _mm_loadu_si128((const __m128i *)(b + n));
        unsigned differ = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) ^ 0xFFFFu;
        if (differ) return n + __builtin_ctz(differ);
    }
#endif
    for (; n + 8 <= limit; n += 8) {
        uint64_t x, y;
        memcpy(&x, a + n, 8);
        memcpy(&y, b + n, 8);
        if (x != y) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            return n + (__builtin_clzll(x ^ y) >> 3);
#else
            return n + (__builtin_ctzll(x ^ y) >> 3);
#endif
        }
    }
    while (n < limit && a[n] == b[n]) n++;
    return n;
}

/* The longest match at `position` (its length in *length, 0 if none of at least 3 bytes, and
   its distance in *distance): the byte before, the pixel before, the row above and the last
   match's distance first, then the last position with the same hash of four bytes (which
   this records as `position`). Equal lengths keep the nearer distance, the cheaper to code. */
static inline void find_match(struct lesson_row_deflate *encoder, const uint8_t *input, size_t position, size_t count,
                              size_t line, size_t pixel, int lastDistance, int *length, int *distance) {
    size_t left = count - position;
    int limit = left > MAX_MATCH ? MAX_MATCH : (int)left, best = 0, bestDistance = 0;
    const uint8_t *p = input + position;
    if (limit >= MIN_MATCH) {
        const size_t near[4] = { 1, pixel, line, (size_t)lastDistance };
        for (int c = 0; c < 4; c++) {
            size_t d = near[c];
            if (d == 0 || d > position || d > WINDOW || p[best] != p[(ptrdiff_t)best - (ptrdiff_t)d]) continue;
            int n = common_length(p, p - d, limit);
            if (n > best) { best = n; bestDistance = (int)d; if (n == limit) break; }
        }
        if (best < limit && left >= 4) {
            uint32_t h = hash4(p);
            int32_t earlier = encoder->table[h];
            encoder->table[h] = (int32_t)position;
            if (earlier >= 0 && (size_t)earlier < position && position - (size_t)earlier <= WINDOW && p[best] == input[(size_t)earlier + (size_t)best]) {
                int n = common_length(p, input + earlier, limit);
                if (n > best && n >= 4) { best = n; bestDistance = (int)(position - (size_t)earlier); }
            }
        }
    }
    *length = best >= MIN_MATCH ? best : 0;
    *distance = bestDistance;
}

size_t lesson_row_deflate_compress(struct lesson_row_deflate *encoder, const uint8_t *input, size_t count,
                                   size_t line, size_t pixel, uint8_t *output) {
    struct bits w = { output, 0, 0, 0 };
    for (int i = 0; i < 1 << HASH_BITS; i++) encoder->table[i] = -1;
    struct item *items = encoder->items;
    size_t position = 0, blockStart = 0;
    int itemCount = 0, lastDistance = 0;
    while (position < count) {
        int length, distance;
        find_match(encoder, input, position, count, line, pixel, lastDistance, &length, &distance);
        if (length > 0 && length < LAZY_BELOW && position + 1 < count) {
            int nextLength, nextDistance;
            find_match(encoder, input, position + 1, count, line, pixel, lastDistance, &nextLength, &nextDistance);
            if (nextLength > length) {
                items[itemCount++] = (struct item){ input[position], 0 };
                position++;
                length = nextLength;
                distance = nextDistance;
                if (itemCount == BLOCK_ITEMS) {
                    write_block(&w, items, itemCount, input + blockStart, position - blockStart, 0);
                    itemCount = 0;
                    blockStart = position;
                }
            }
        }
        if (length > 0) {
            items[itemCount++] = (struct item){ (uint16_t)length, (uint16_t)distance };
            lastDistance = distance;
            if (length < INSERT_BELOW && position + (size_t)length + 3 < count)
                for (int k = 1; k < length; k++) encoder->table[hash4(input + position + k)] = (int32_t)(position + (size_t)k);
            position += (size_t)length;
        } else {
            items[itemCount++] = (struct item){ input[position], 0 };
            position++;
        }
        if (itemCount == BLOCK_ITEMS) {
            write_block(&w, items, itemCount, input + blockStart, position - blockStart, position == count);
            itemCount = 0;
            blockStart = position;
        }
    }
    if (itemCount > 0 || count == 0) write_block(&w, items, itemCount, input + blockStart, position - blockStart, 1);
    align(&w);
    return w.count;
}
